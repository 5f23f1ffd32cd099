package dev.mesh.kubernetes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.zip.CRC32;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.policy.registry.Names;
import dev.mesh.policy.registry.RegistrationValidator;

/**
 * Turns one EndpointSlice, with the labels of the pods behind it, into mesh instances and
 * their readiness. Pure: the watcher calls it with what its informers hold.
 */
final class EndpointSliceTranslator {

	/**
	 * Metadata key marking where an instance comes from.
	 */
	static final String SOURCE_KEY = "mesh.source";

	/**
	 * Value of {@link #SOURCE_KEY} for instances from Kubernetes.
	 */
	static final String SOURCE = "kubernetes";

	/**
	 * Metadata key of the namespace of the pod.
	 */
	static final String NAMESPACE_KEY = "k8s.namespace";

	private final KubernetesDiscoverySettings settings;

	EndpointSliceTranslator(KubernetesDiscoverySettings settings) {
		this.settings = settings;
	}

	/**
	 * Return the mesh service an EndpointSlice belongs to.
	 * @param slice the slice
	 * @return the service name, {@code null} when the slice has no valid service label
	 */
	static String serviceName(EndpointSlice slice) {
		Map<String, String> labels = (slice.getMetadata() != null) ? slice.getMetadata().getLabels() : null;
		String service = (labels != null) ? labels.get(KubernetesDiscoverySettings.SERVICE_NAME_LABEL) : null;
		return Names.isServiceName(service) ? service : null;
	}

	/**
	 * Translate one slice.
	 * @param slice the slice
	 * @param pods the pods known, by {@code namespace/name}
	 * @return the endpoints, or why the slice cannot be used
	 */
	Translation translate(EndpointSlice slice, Function<String, Pod> pods) {
		String service = serviceName(slice);
		if (service == null) {
			return new Translation(List.of(),
					"has no valid " + KubernetesDiscoverySettings.SERVICE_NAME_LABEL + " label");
		}
		Integer port = port(slice);
		if (port == null) {
			return new Translation(List.of(), "has no port named '" + this.settings.portName() + "' among "
					+ portNames(slice) + "; name the port to route to in the discovery settings");
		}
		String namespace = slice.getMetadata().getNamespace();
		List<KubernetesEndpoint> endpoints = new ArrayList<>();
		if (slice.getEndpoints() != null) {
			for (Endpoint endpoint : slice.getEndpoints()) {
				KubernetesEndpoint translated = translate(service, namespace, port, endpoint, pods);
				if (translated != null) {
					endpoints.add(translated);
				}
			}
		}
		return new Translation(endpoints, null);
	}

	private KubernetesEndpoint translate(String service, String namespace, int port, Endpoint endpoint,
			Function<String, Pod> pods) {
		if (endpoint.getAddresses() == null || endpoint.getAddresses().isEmpty()
				|| !Names.isAddress(endpoint.getAddresses().get(0))) {
			return null;
		}
		String address = endpoint.getAddresses().get(0);
		ObjectReference target = endpoint.getTargetRef();
		boolean isPod = target != null && "Pod".equals(target.getKind()) && target.getName() != null;
		String podNamespace = (isPod && target.getNamespace() != null) ? target.getNamespace() : namespace;
		Pod pod = isPod ? pods.apply(podNamespace + "/" + target.getName()) : null;
		Map<String, String> labels = labels(pod);
		String id = instanceId(isPod ? target.getName() : address + "-" + port, podNamespace);
		MeshInstance instance = new MeshInstance(id, service, address, port, version(labels), zone(endpoint, labels),
				metadata(podNamespace, labels));
		return new KubernetesEndpoint(instance, readiness(endpoint.getConditions()));
	}

	/**
	 * Read the conditions as the EndpointSlice API defines them: an unknown (absent)
	 * {@code ready} or {@code serving} counts as true, an absent {@code terminating} as
	 * false.
	 */
	static Readiness readiness(EndpointConditions conditions) {
		Boolean ready = (conditions != null) ? conditions.getReady() : null;
		Boolean serving = (conditions != null) ? conditions.getServing() : null;
		boolean terminating = conditions != null && Boolean.TRUE.equals(conditions.getTerminating());
		if (terminating) {
			return (serving == null || serving) ? Readiness.DRAINING : Readiness.NOT_READY;
		}
		return (ready == null || ready) ? Readiness.READY : Readiness.NOT_READY;
	}

	private Integer port(EndpointSlice slice) {
		List<EndpointPort> ports = (slice.getPorts() != null) ? slice.getPorts() : List.of();
		if (ports.size() == 1) {
			return validPort(ports.get(0).getPort());
		}
		for (EndpointPort port : ports) {
			if (this.settings.portName().equals(port.getName())) {
				return validPort(port.getPort());
			}
		}
		return null;
	}

	private static Integer validPort(Integer port) {
		return (port != null && port > 0 && port <= 65535) ? port : null;
	}

	private static List<String> portNames(EndpointSlice slice) {
		List<String> names = new ArrayList<>();
		if (slice.getPorts() != null) {
			slice.getPorts().forEach((port) -> names.add(String.valueOf(port.getName())));
		}
		return names;
	}

	private static Map<String, String> labels(Pod pod) {
		ObjectMeta metadata = (pod != null) ? pod.getMetadata() : null;
		return (metadata != null && metadata.getLabels() != null) ? metadata.getLabels() : Map.of();
	}

	private String version(Map<String, String> labels) {
		for (String label : this.settings.versionLabels()) {
			String value = labels.get(label);
			if (Names.isLabelValue(value)) {
				return value;
			}
		}
		return this.settings.defaultVersion();
	}

	private static String zone(Endpoint endpoint, Map<String, String> labels) {
		if (Names.isLabelValue(endpoint.getZone())) {
			return endpoint.getZone();
		}
		String label = labels.get(KubernetesDiscoverySettings.ZONE_LABEL);
		return Names.isLabelValue(label) ? label : MeshInstance.DEFAULT_ZONE;
	}

	/**
	 * Pod labels as metadata, as far as they are valid mesh metadata and fit in the
	 * registry's limit after the source and namespace entries.
	 */
	private static Map<String, String> metadata(String namespace, Map<String, String> labels) {
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put(SOURCE_KEY, SOURCE);
		if (namespace != null) {
			metadata.put(NAMESPACE_KEY, namespace);
		}
		for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
			if (metadata.size() >= RegistrationValidator.MAX_METADATA_ENTRIES) {
				break;
			}
			if (Names.isMetadataKey(label.getKey()) && label.getValue() != null
					&& label.getValue().length() <= RegistrationValidator.MAX_METADATA_VALUE_LENGTH) {
				metadata.putIfAbsent(label.getKey(), label.getValue());
			}
		}
		return metadata;
	}

	/**
	 * Return {@code name.namespace}, unique across the namespaces watched; names too long
	 * for an instance id are shortened and made unique with a checksum.
	 */
	static String instanceId(String name, String namespace) {
		String id = (namespace != null) ? name + "." + namespace : name;
		if (Names.isInstanceId(id)) {
			return id;
		}
		CRC32 crc = new CRC32();
		crc.update(id.getBytes(StandardCharsets.UTF_8));
		String cleaned = id.replaceAll("[^A-Za-z0-9._:-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
		String prefix = cleaned.substring(0, Math.min(cleaned.length(), 110));
		return (prefix.isEmpty() ? "endpoint" : prefix) + "-" + Long.toHexString(crc.getValue());
	}

	/**
	 * Whether an endpoint takes new requests.
	 */
	enum Readiness {

		/**
		 * Ready: routable.
		 */
		READY,

		/**
		 * Terminating but still serving: finishing what it has, not routable for new
		 * requests.
		 */
		DRAINING,

		/**
		 * Not ready: not routable.
		 */
		NOT_READY

	}

	/**
	 * One endpoint of a slice.
	 *
	 * @param instance the endpoint as a mesh instance
	 * @param readiness whether it takes new requests
	 */
	record KubernetesEndpoint(MeshInstance instance, Readiness readiness) {

	}

	/**
	 * What a slice translates to.
	 *
	 * @param endpoints its endpoints, empty when it cannot be used
	 * @param problem why it cannot be used, {@code null} when it can
	 */
	record Translation(List<KubernetesEndpoint> endpoints, String problem) {

	}

}
