package dev.mesh.kubernetes.test;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;

/**
 * Pods and EndpointSlices as the Kubernetes EndpointSlice controller would write them,
 * for tests (shared with the starter and the control service as a test jar).
 */
public final class KubernetesObjects {

	private KubernetesObjects() {
	}

	/**
	 * A pod with labels.
	 * @param namespace its namespace
	 * @param name its name
	 * @param labels its labels
	 * @return the pod
	 */
	public static Pod pod(String namespace, String name, Map<String, String> labels) {
		return new PodBuilder().withMetadata(meta(namespace, name, labels)).build();
	}

	/**
	 * A ready endpoint of a pod.
	 * @param namespace namespace of the pod
	 * @param pod name of the pod
	 * @param ip its address
	 * @param zone its zone, may be {@code null}
	 * @return the endpoint
	 */
	public static Endpoint ready(String namespace, String pod, String ip, String zone) {
		return endpoint(namespace, pod, ip, zone, new EndpointConditions(true, true, false));
	}

	/**
	 * An endpoint of a pod with the given conditions.
	 * @param namespace namespace of the pod
	 * @param pod name of the pod
	 * @param ip its address
	 * @param zone its zone, may be {@code null}
	 * @param conditions its conditions (ready, serving, terminating)
	 * @return the endpoint
	 */
	public static Endpoint endpoint(String namespace, String pod, String ip, String zone,
			EndpointConditions conditions) {
		return new Endpoint(List.of(ip), conditions, null, null, null, "node-1",
				new ObjectReferenceBuilder().withKind("Pod").withNamespace(namespace).withName(pod).build(), zone);
	}

	/**
	 * A port of a slice.
	 * @param name its name, may be {@code null}
	 * @param port its number
	 * @return the port
	 */
	public static EndpointPort port(String name, int port) {
		return new EndpointPort(null, name, port, "TCP");
	}

	/**
	 * An EndpointSlice of a Service.
	 * @param namespace its namespace
	 * @param name its name
	 * @param service the Service it belongs to
	 * @param ports its ports
	 * @param endpoints its endpoints
	 * @return the slice
	 */
	public static EndpointSlice slice(String namespace, String name, String service, List<EndpointPort> ports,
			List<Endpoint> endpoints) {
		return new EndpointSliceBuilder()
			.withMetadata(meta(namespace, name, Map.of("kubernetes.io/service-name", service)))
			.withAddressType("IPv4")
			.withPorts(ports)
			.withEndpoints(endpoints)
			.build();
	}

	private static ObjectMeta meta(String namespace, String name, Map<String, String> labels) {
		return new ObjectMetaBuilder().withNamespace(namespace).withName(name).withLabels(labels).build();
	}

}
