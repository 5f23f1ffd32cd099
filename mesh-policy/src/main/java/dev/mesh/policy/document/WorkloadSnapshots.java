package dev.mesh.policy.document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.mesh.policy.Violation;
import dev.mesh.policy.spec.AccessPolicySpec;
import dev.mesh.policy.spec.GatewayRouteSpec;
import dev.mesh.policy.spec.MeshPolicy;

/**
 * Renders the slice of the mesh's policy that concerns one workload as {@code mesh.*}
 * properties: the mesh-wide config, every destination's outbound policy, and the inbound
 * and gateway policy that target the workload itself. The same keys in an application's
 * own configuration mean the same thing.
 */
public final class WorkloadSnapshots {

	/**
	 * Prefix of everything a snapshot sets.
	 */
	public static final String PREFIX = "mesh";

	private WorkloadSnapshots() {
	}

	/**
	 * Render the properties of one workload.
	 * @param documents every policy document of the mesh
	 * @param service the workload's service name
	 * @return the properties, sorted by key
	 */
	public static SortedMap<String, String> render(Collection<PolicyDocument> documents, String service) {
		SortedMap<String, String> properties = new TreeMap<>();
		for (PolicyDocument document : documents) {
			String target = target(document, service);
			if (target == null) {
				continue;
			}
			document.properties().forEach((key, value) -> {
				String placed = place(document, key, target, service);
				if (placed != null) {
					properties.put(placed, value);
				}
			});
		}
		return properties;
	}

	/**
	 * Bind a workload's properties exactly as the workload will.
	 * @param properties the properties of a snapshot
	 * @param violations where binding failures are reported
	 * @return the bound policy, or {@code null} when binding failed
	 */
	public static MeshPolicy bind(Map<String, String> properties, List<Violation> violations) {
		Map<String, String> paths = new TreeMap<>();
		properties.keySet().forEach((key) -> paths.put(key, key));
		return SpecBinder.bind(properties, PREFIX, MeshPolicy.class, paths, violations);
	}

	/**
	 * Bind a workload's properties, failing on the first problem.
	 * @param properties the properties of a snapshot
	 * @return the bound policy
	 * @throws PolicyViolationException when the properties do not bind, carry an
	 * expression, or hold an invalid access policy
	 */
	public static MeshPolicy bindStrictly(Map<String, String> properties) {
		List<Violation> violations = new ArrayList<>();
		properties.forEach((key, value) -> {
			if (PropertyRenderer.isExpression(key) || PropertyRenderer.isExpression(value)) {
				violations.add(new Violation(key, "must not contain '#{' or '${': expressions are never evaluated"));
			}
			else if (!key.startsWith(PREFIX + ".")) {
				violations.add(new Violation(key, "is not a " + PREFIX + ".* property"));
			}
		});
		MeshPolicy policy = violations.isEmpty() ? bind(properties, violations) : null;
		if (policy != null) {
			// Access policies are enforced as soon as they are applied: never install one
			// the workload would have to guess at
			violations.addAll(AccessPolicyChecks.check(policy.getInbound().getAccess()));
		}
		if (!violations.isEmpty()) {
			throw new PolicyViolationException(violations);
		}
		return policy;
	}

	/**
	 * Return where a document's properties go for a workload, or {@code null} when the
	 * document does not concern it.
	 */
	private static String target(PolicyDocument document, String service) {
		return switch (document.kind()) {
			case MESH_CONFIG -> PREFIX;
			case SERVICE_POLICY -> PREFIX + ".outbound.destinations[" + document.name() + "]";
			case ACCESS_POLICY -> service.equals(document.spec(AccessPolicySpec.class).getService())
					? PREFIX + ".inbound.access[" + document.qualifiedName() + "]" : null;
			case GATEWAY_ROUTE -> service.equals(document.spec(GatewayRouteSpec.class).getGateway())
					? PREFIX + ".gateway.routes[" + document.qualifiedName() + "]" : null;
		};
	}

	private static String place(PolicyDocument document, String key, String target, String service) {
		if (document.kind() == PolicyKind.MESH_CONFIG) {
			return key.startsWith("defaults") ? PREFIX + ".outbound." + key : PREFIX + "." + key;
		}
		if (document.kind() == PolicyKind.SERVICE_POLICY && (key.startsWith("rate-limit") || key.startsWith("mtls."))) {
			// The rate limit and the mTLS mode are the service's own server's: only its
			// own workloads get them.
			return document.name().equals(service) ? PREFIX + ".inbound." + key : null;
		}
		return target + "." + key;
	}

}
