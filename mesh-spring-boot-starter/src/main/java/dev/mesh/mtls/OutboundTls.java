package dev.mesh.mtls;

import java.net.URI;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.cloud.client.loadbalancer.LoadBalancerUriTools;

import dev.mesh.core.MeshPolicyState;
import dev.mesh.discovery.MeshEndpoints;
import dev.mesh.discovery.MeshServiceInstance;
import dev.mesh.policy.identity.InvalidSpiffeIdException;
import dev.mesh.policy.identity.SpiffeId;
import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.policy.registry.RegistrySnapshot;
import dev.mesh.policy.spec.MtlsMode;
import dev.mesh.policy.spec.SecurityPolicy;

/**
 * How this workload calls each mesh instance: over mutual TLS (https, the mesh's
 * certificate, the server checked against the destination's identity) or plaintext. It
 * also answers, per connection, which identities the server at an address may have. An
 * instance's mode is, in order: {@code mesh.mtls.destinations.<service>.mode}; the
 * {@value MtlsMetadata#MODE} metadata it registered; for static instances, STRICT when
 * they name an identity and their URL's scheme otherwise; the mesh-wide
 * {@code mesh.security.mtls.mode}; STRICT when this workload has an identity. The
 * expected identity is {@code mesh.mtls.destinations.<service>.identity}, else the
 * {@value MtlsMetadata#SPIFFE_ID} metadata of the instance, else
 * {@code spiffe://<trust-domain>/ns/<namespace>/sa/<service>} with the instance's
 * Kubernetes namespace or this workload's own.
 */
public class OutboundTls implements ExpectedPeers {

	private static final Log logger = LogFactory.getLog(OutboundTls.class);

	// The namespace of a Kubernetes endpoint, as mesh-kubernetes records it.
	private static final String KUBERNETES_NAMESPACE = "k8s.namespace";

	private final MeshEndpoints endpoints;

	private final MeshMtlsProperties properties;

	private final MeshPolicyState policy;

	private final SpiffeId own;

	private volatile Index index;

	/**
	 * Create the outbound side.
	 * @param endpoints the mesh's instances
	 * @param properties per-destination overrides
	 * @param policy the policy, for the mesh-wide mode
	 * @param own this workload's identity, {@code null} without one
	 */
	OutboundTls(MeshEndpoints endpoints, MeshMtlsProperties properties, MeshPolicyState policy, SpiffeId own) {
		this.endpoints = endpoints;
		this.properties = properties;
		this.policy = policy;
		this.own = own;
		this.index = build(endpoints.snapshot());
		endpoints.addListener((snapshot) -> this.index = build(snapshot));
		policy.addListener((applied) -> this.index = build(endpoints.snapshot()));
	}

	/**
	 * Return the URI of a request to an instance: https to its port when it is called
	 * with mutual TLS, plaintext otherwise (to its plaintext port when it advertises one
	 * and this workload has no identity).
	 * @param instance the instance
	 * @param original the request's URI, naming the service
	 * @return the URI to send the request to
	 */
	public URI uri(MeshInstance instance, URI original) {
		return LoadBalancerUriTools.reconstructURI(serviceInstance(instance), original);
	}

	/**
	 * Return an instance as Spring Cloud LoadBalancer hands it out: secure with the
	 * scheme and port of {@link #uri(MeshInstance, URI)}.
	 * @param instance the instance
	 * @return the instance, with the scheme and port it is called with
	 */
	public MeshServiceInstance serviceInstance(MeshInstance instance) {
		MtlsMode mode = mode(instance);
		MeshServiceInstance registered = new MeshServiceInstance(instance);
		if (mode != MtlsMode.DISABLED && (this.own != null || mode == MtlsMode.STRICT)) {
			return new MeshServiceInstance(instance, "https", instance.port());
		}
		if (mode == MtlsMode.PERMISSIVE) {
			return new MeshServiceInstance(instance, "http", plaintextPort(instance));
		}
		return registered;
	}

	/**
	 * Whether a connection to an address is a mesh mutual TLS connection.
	 * @param host the host, as in the URI
	 * @param port the port
	 * @return whether a mesh instance called with mutual TLS is known there
	 */
	public boolean isMutual(String host, int port) {
		return lookup(host, port) != null;
	}

	@Override
	public Expected expected(String host, int port) {
		Expected expected = lookup(host, port);
		return (expected != null) ? expected : Expected.UNKNOWN;
	}

	private Expected lookup(String host, int port) {
		String key = key(host, port);
		Index current = this.index;
		Expected expected = current.targets().get(key);
		RegistrySnapshot snapshot = this.endpoints.snapshot();
		if (expected == null && snapshot.revision() != current.revision()) {
			// A listener may not have run yet for an instance the load balancer just
			// picked.
			current = build(snapshot);
			this.index = current;
			expected = current.targets().get(key);
		}
		return expected;
	}

	MtlsMode mode(MeshInstance instance) {
		MeshMtlsProperties.Destination destination = this.properties.getDestinations().get(instance.service());
		if (destination != null && destination.getMode() != null) {
			return destination.getMode();
		}
		String advertised = instance.metadata().get(MtlsMetadata.MODE);
		if (advertised != null) {
			try {
				return MtlsMode.valueOf(advertised.trim().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				return MtlsMode.STRICT;
			}
		}
		if ("static".equals(instance.metadata().get(MeshServiceInstance.SOURCE))) {
			return instance.metadata().containsKey(MtlsMetadata.SPIFFE_ID) ? MtlsMode.STRICT : MtlsMode.DISABLED;
		}
		SecurityPolicy security = this.policy.current().policy().getSecurity();
		if (security != null && security.getMtls() != null && security.getMtls().getMode() != null) {
			return security.getMtls().getMode();
		}
		return (this.own != null) ? MtlsMode.STRICT : MtlsMode.DISABLED;
	}

	private Index build(RegistrySnapshot snapshot) {
		Map<String, Set<SpiffeId>> identities = new HashMap<>();
		Map<String, Set<String>> services = new HashMap<>();
		snapshot.services().values().forEach((instances) -> instances.forEach((instance) -> {
			MtlsMode mode = mode(instance);
			if (mode == MtlsMode.STRICT || (mode == MtlsMode.PERMISSIVE && this.own != null)) {
				String key = key(instance.address(), instance.port());
				services.computeIfAbsent(key, (k) -> new TreeSet<>()).add(instance.service());
				Set<SpiffeId> expected = identities.computeIfAbsent(key, (k) -> new HashSet<>());
				SpiffeId identity = identity(instance);
				if (identity != null) {
					expected.add(identity);
				}
			}
		}));
		Map<String, Expected> targets = new HashMap<>();
		identities.forEach((key, expected) -> {
			Set<String> named = services.get(key);
			// A connection is pooled by address: when it may be one of several services,
			// it cannot be checked against the one a request meant, so none is accepted.
			targets.put(key, (named.size() == 1) ? Expected.of(expected) : new Expected(Set.of(),
					"ambiguous-destination", "the services " + named + " are all registered at " + key));
		});
		return new Index(snapshot.revision(), Map.copyOf(targets));
	}

	private SpiffeId identity(MeshInstance instance) {
		MeshMtlsProperties.Destination destination = this.properties.getDestinations().get(instance.service());
		String configured = (destination != null) ? destination.getIdentity() : null;
		String text = (configured != null) ? configured : instance.metadata().get(MtlsMetadata.SPIFFE_ID);
		if (text != null) {
			try {
				return SpiffeId.parse(text);
			}
			catch (InvalidSpiffeIdException ex) {
				logger.warn("Calls to " + instance.label() + " fail: its expected identity is invalid ("
						+ ex.getMessage() + ")");
				return null;
			}
		}
		if (this.own == null || !SpiffeId.isServiceAccount(instance.service())) {
			return null;
		}
		String namespace = instance.metadata().get(KUBERNETES_NAMESPACE);
		return new SpiffeId(this.own.trustDomain(), SpiffeId.isNamespace(namespace) ? namespace : this.own.namespace(),
				instance.service());
	}

	private static int plaintextPort(MeshInstance instance) {
		String port = instance.metadata().get(MtlsMetadata.PLAINTEXT_PORT);
		try {
			int parsed = (port != null) ? Integer.parseInt(port.trim()) : instance.port();
			return (parsed > 0 && parsed <= 65535) ? parsed : instance.port();
		}
		catch (NumberFormatException ex) {
			return instance.port();
		}
	}

	static String key(String host, int port) {
		String bare = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		return bare.toLowerCase(Locale.ROOT) + ":" + port;
	}

	private record Index(long revision, Map<String, Expected> targets) {

	}

}
