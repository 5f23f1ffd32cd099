package dev.mesh.policy.registry;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.util.Assert;

/**
 * One validated instance of a mesh service, as the registry stores it and the watch
 * stream pushes it.
 *
 * @param instanceId id of the instance, unique in the mesh
 * @param service service name
 * @param address host name or IP address
 * @param port port
 * @param version version label
 * @param zone locality zone
 * @param metadata further labels, sorted by key
 */
public record MeshInstance(String instanceId, String service, String address, int port, String version, String zone,
		Map<String, String> metadata) {

	/**
	 * Zone of an instance that did not name one.
	 */
	public static final String DEFAULT_ZONE = "default";

	/**
	 * Metadata key of the SPIFFE ID an instance serves with: set from a verified source
	 * only (the registering workload's client certificate, the pod's service account, or
	 * the static configuration), never taken from what a registration claims.
	 */
	public static final String SPIFFE_ID = "mesh.spiffe-id";

	/**
	 * Metadata key of the mutual TLS mode an instance's server runs in ({@code STRICT},
	 * {@code PERMISSIVE} or {@code DISABLED}).
	 */
	public static final String MTLS_MODE = "mesh.mtls";

	public MeshInstance {
		Assert.hasText(instanceId, "'instanceId' must not be empty");
		Assert.hasText(service, "'service' must not be empty");
		Assert.hasText(address, "'address' must not be empty");
		Assert.isTrue(port > 0 && port <= 65535, "'port' must be between 1 and 65535");
		Assert.hasText(version, "'version' must not be empty");
		Assert.hasText(zone, "'zone' must not be empty");
		metadata = (metadata != null) ? Collections.unmodifiableMap(new TreeMap<>(metadata)) : Map.of();
	}

	/**
	 * Create an instance from a registration that {@link RegistrationValidator} found
	 * valid.
	 * @param registration the valid registration
	 * @param instanceId id to use when the registration carries none
	 * @return the instance
	 */
	public static MeshInstance from(Registration registration, String instanceId) {
		String id = (registration.instanceId() != null) ? registration.instanceId() : instanceId;
		String zone = (registration.zone() != null) ? registration.zone() : DEFAULT_ZONE;
		return new MeshInstance(id, registration.service(), registration.address(), registration.port(),
				registration.version(), zone, registration.metadata());
	}

	/**
	 * Return {@code service@version}, the label used in call chains.
	 * @return the label
	 */
	public String label() {
		return this.service + "@" + this.version;
	}

}
