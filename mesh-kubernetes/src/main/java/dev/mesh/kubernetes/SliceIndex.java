package dev.mesh.kubernetes;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

/**
 * The informer indexes of EndpointSlices: by mesh service, to rebuild one service from
 * all its slices, and by pod ({@code namespace/name}), to find the services a relabelled
 * pod belongs to.
 */
final class SliceIndex {

	/**
	 * Index of slices by mesh service.
	 */
	static final String SERVICE = "mesh-service";

	/**
	 * Index of slices by the pods behind their endpoints.
	 */
	static final String POD = "mesh-pod";

	private SliceIndex() {
	}

	static List<String> services(EndpointSlice slice) {
		String service = EndpointSliceTranslator.serviceName(slice);
		return (service != null) ? List.of(service) : List.of();
	}

	static List<String> pods(EndpointSlice slice) {
		List<String> keys = new ArrayList<>();
		if (slice.getEndpoints() != null) {
			for (Endpoint endpoint : slice.getEndpoints()) {
				ObjectReference target = endpoint.getTargetRef();
				if (target != null && "Pod".equals(target.getKind()) && target.getName() != null) {
					String namespace = (target.getNamespace() != null) ? target.getNamespace()
							: slice.getMetadata().getNamespace();
					keys.add(namespace + "/" + target.getName());
				}
			}
		}
		return keys;
	}

}
