package dev.mesh.policy.document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.mesh.policy.Violation;
import dev.mesh.policy.spec.GatewayRouteSpec;
import dev.mesh.policy.spec.ServicePolicySpec;
import dev.mesh.policy.spec.WeightedSubset;

/**
 * Checks what no single document can check alone: one mesh config at most, one service
 * policy per service, and gateway routes that name only subsets their service's policy
 * defines.
 */
public final class PolicySet {

	private PolicySet() {
	}

	/**
	 * Check a candidate document against the others it would join.
	 * @param candidate the document being written
	 * @param others every other document of the mesh (the candidate's previous version
	 * excluded)
	 * @throws PolicyViolationException naming the candidate's offending fields
	 */
	public static void check(PolicyDocument candidate, Collection<PolicyDocument> others) {
		List<Violation> violations = new ArrayList<>();
		Map<String, PolicyDocument> servicePolicies = new HashMap<>();
		for (PolicyDocument other : others) {
			if (other.kind() == PolicyKind.SERVICE_POLICY) {
				servicePolicies.put(other.name(), other);
			}
			if (candidate.kind() == PolicyKind.MESH_CONFIG && other.kind() == PolicyKind.MESH_CONFIG) {
				violations.add(new Violation("metadata.name",
						"the mesh already has a MeshConfig (" + other.qualifiedName() + "): replace that one"));
			}
			if (candidate.kind() == PolicyKind.SERVICE_POLICY && other.kind() == PolicyKind.SERVICE_POLICY
					&& other.name().equals(candidate.name())) {
				violations.add(new Violation("metadata.name", "service " + candidate.name()
						+ " already has a ServicePolicy in namespace " + other.namespace() + ": replace that one"));
			}
		}
		if (candidate.kind() == PolicyKind.GATEWAY_ROUTE) {
			GatewayRouteSpec route = candidate.spec(GatewayRouteSpec.class);
			PolicyDocument servicePolicy = servicePolicies.get(route.getService());
			Set<String> subsets = (servicePolicy != null)
					? servicePolicy.spec(ServicePolicySpec.class).getSubsets().keySet() : Set.of();
			List<WeightedSubset> destinations = route.getDestinations();
			for (int i = 0; i < destinations.size(); i++) {
				String subset = destinations.get(i).getSubset();
				if (subset != null && !subsets.contains(subset)) {
					violations.add(new Violation("spec.destinations[" + i + "].subset",
							missing(route.getService(), subset, servicePolicy)));
				}
			}
			if (route.getMirror() != null && route.getMirror().getSubset() != null
					&& !subsets.contains(route.getMirror().getSubset())) {
				violations.add(new Violation("spec.mirror.subset",
						missing(route.getService(), route.getMirror().getSubset(), servicePolicy)));
			}
		}
		if (!violations.isEmpty()) {
			throw new PolicyViolationException(violations);
		}
	}

	private static String missing(String service, String subset, PolicyDocument servicePolicy) {
		return (servicePolicy != null) ? "'" + subset + "' is not a subset of service " + service
				: "service " + service + " has no ServicePolicy defining subset '" + subset + "'";
	}

}
