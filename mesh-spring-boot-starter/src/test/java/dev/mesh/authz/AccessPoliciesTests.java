package dev.mesh.authz;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.mesh.authz.AccessDecision.Outcome;
import dev.mesh.authz.AccessDecision.Reason;
import dev.mesh.policy.identity.SpiffeId;
import dev.mesh.policy.spec.AccessAction;
import dev.mesh.policy.spec.AccessPolicySpec;
import dev.mesh.policy.spec.AccessRule;
import dev.mesh.policy.spec.AccessRuleSource;
import dev.mesh.policy.spec.AccessRuleTarget;

import static org.assertj.core.api.Assertions.assertThat;

class AccessPoliciesTests {

	private static final PeerIdentity STOREFRONT = peer("shop", "storefront");

	private static final PeerIdentity PRICING = peer("shop", "pricing");

	private static final PeerIdentity BILLING = peer("finance", "billing");

	private final Map<String, AccessPolicySpec> specs = new LinkedHashMap<>();

	@Test
	void allowsEverythingWithoutPolicies() {
		assertThat(decide(PeerIdentity.NONE, "DELETE", "/anything")).isEqualTo(AccessDecision.ALLOW_WITHOUT_POLICY);
	}

	@Test
	void deniesWhatNoAllowPolicyAllowsOnceOneExists() {
		policy("allow-storefront", AccessAction.ALLOW, false,
				rule(List.of("spiffe://cluster.local/ns/shop/sa/storefront"), List.of(), List.of("GET"),
						List.of("/orders/*")));
		assertThat(decide(STOREFRONT, "GET", "/orders/1"))
			.isEqualTo(new AccessDecision(Outcome.ALLOW, "allow-storefront", null));
		assertThat(decide(STOREFRONT, "GET", "/orders")).extracting(AccessDecision::outcome).isEqualTo(Outcome.ALLOW);
		assertThat(decide(STOREFRONT, "HEAD", "/orders/1").outcome()).isEqualTo(Outcome.ALLOW);
		assertThat(decide(STOREFRONT, "POST", "/orders/1"))
			.isEqualTo(new AccessDecision(Outcome.DENY, AccessDecision.DEFAULT_DENY, Reason.NOT_ALLOWED));
		assertThat(decide(STOREFRONT, "GET", "/ordersx").outcome()).isEqualTo(Outcome.DENY);
		assertThat(decide(PRICING, "GET", "/orders/1").outcome()).isEqualTo(Outcome.DENY);
		assertThat(decide(PeerIdentity.NONE, "GET", "/orders/1").outcome()).isEqualTo(Outcome.DENY);
	}

	@Test
	void checksDenyPoliciesFirst() {
		policy("allow-all", AccessAction.ALLOW, false, rule(List.of("*"), List.of(), List.of(), List.of()));
		policy("deny-admin", AccessAction.DENY, false, rule(List.of(), List.of(), List.of(), List.of("/admin/*")));
		assertThat(decide(STOREFRONT, "GET", "/admin"))
			.isEqualTo(new AccessDecision(Outcome.DENY, "deny-admin", Reason.DENIED));
		assertThat(decide(STOREFRONT, "GET", "/admin/users").outcome()).isEqualTo(Outcome.DENY);
		assertThat(decide(STOREFRONT, "GET", "/administrator").outcome()).isEqualTo(Outcome.ALLOW);
		assertThat(decide(PeerIdentity.NONE, "GET", "/public").outcome()).isEqualTo(Outcome.DENY);
	}

	@Test
	void matchesPrincipalPrefixesAndNamespaces() {
		policy("shop", AccessAction.ALLOW, false,
				rule(List.of("spiffe://cluster.local/ns/shop/*"), List.of(), List.of(), List.of()));
		policy("finance", AccessAction.ALLOW, false, rule(List.of(), List.of("finance"), List.of(), List.of("/pay")));
		assertThat(decide(PRICING, "GET", "/x").policy()).isEqualTo("shop");
		assertThat(decide(BILLING, "GET", "/pay").policy()).isEqualTo("finance");
		assertThat(decide(BILLING, "GET", "/x").outcome()).isEqualTo(Outcome.DENY);
		assertThat(decide(peer("shopping", "x"), "GET", "/x").outcome()).isEqualTo(Outcome.DENY);
	}

	@Test
	void matchesHeaderValuesExactly() {
		AccessRule rule = rule(List.of(), List.of(), List.of(), List.of());
		rule.getWhen().put("X-Tenant", "blue");
		policy("blue-only", AccessAction.ALLOW, false, rule);
		assertThat(decide(STOREFRONT, "GET", "/x", Map.of("x-tenant", List.of("blue"))).outcome())
			.isEqualTo(Outcome.ALLOW);
		assertThat(decide(STOREFRONT, "GET", "/x", Map.of("x-tenant", List.of("Blue"))).outcome())
			.isEqualTo(Outcome.DENY);
		assertThat(decide(STOREFRONT, "GET", "/x", Map.of("x-tenant", List.of("blue", "red"))).outcome())
			.isEqualTo(Outcome.DENY);
		assertThat(decide(STOREFRONT, "GET", "/x").outcome()).isEqualTo(Outcome.DENY);
	}

	@Test
	void auditedPoliciesOnlyReportWhatTheyWouldDeny() {
		policy("deny-admin", AccessAction.DENY, true, rule(List.of(), List.of(), List.of(), List.of("/admin")));
		policy("allow-storefront", AccessAction.ALLOW, true,
				rule(List.of("spiffe://cluster.local/ns/shop/sa/storefront"), List.of(), List.of(), List.of()));
		assertThat(decide(STOREFRONT, "GET", "/admin"))
			.isEqualTo(new AccessDecision(Outcome.AUDIT_DENY, "deny-admin", Reason.DENIED));
		assertThat(decide(PRICING, "GET", "/x"))
			.isEqualTo(new AccessDecision(Outcome.AUDIT_DENY, AccessDecision.DEFAULT_DENY, Reason.NOT_ALLOWED));
		assertThat(decide(STOREFRONT, "GET", "/x").outcome()).isEqualTo(Outcome.ALLOW);
	}

	@Test
	void deniesRejectedCertificatesAndUnnormalizablePathsWherePoliciesApply() {
		PeerIdentity rejected = new PeerIdentity(null, null, "two URI SANs");
		assertThat(decide(rejected, "GET", "/x")).isEqualTo(AccessDecision.ALLOW_WITHOUT_POLICY);
		policy("deny-admin", AccessAction.DENY, false, rule(List.of(), List.of(), List.of(), List.of("/admin")));
		assertThat(decide(rejected, "GET", "/x"))
			.isEqualTo(new AccessDecision(Outcome.DENY, AccessDecision.PEER_IDENTITY, Reason.PEER_IDENTITY));
		assertThat(decide(STOREFRONT, "GET", "/../admin"))
			.isEqualTo(new AccessDecision(Outcome.DENY, AccessDecision.BAD_PATH, Reason.BAD_PATH));
	}

	@Test
	void matchesPathsRegardlessOfCaseOnlyWhenConfigured() {
		policy("deny-admin", AccessAction.DENY, false, rule(List.of(), List.of(), List.of(), List.of("/Admin/*")));
		assertThat(decide(STOREFRONT, "GET", "/ADMIN/x").outcome()).isEqualTo(Outcome.ALLOW);
		assertThat(decide(STOREFRONT, "GET", "/Admin/x").outcome()).isEqualTo(Outcome.DENY);
		AccessPolicies insensitive = AccessPolicies.compile(this.specs, true);
		AccessRequest request = new AccessRequest(STOREFRONT, "GET", insensitive.normalize("/ADMIN/x"),
				(name) -> List.of());
		assertThat(insensitive.decide(request).outcome()).isEqualTo(Outcome.DENY);
	}

	private AccessDecision decide(PeerIdentity peer, String method, String rawPath) {
		return decide(peer, method, rawPath, Map.of());
	}

	private AccessDecision decide(PeerIdentity peer, String method, String rawPath, Map<String, List<String>> headers) {
		AccessPolicies policies = AccessPolicies.compile(this.specs, false);
		return policies.decide(new AccessRequest(peer, method, policies.normalize(rawPath),
				(name) -> headers.getOrDefault(name.toLowerCase(), List.of())));
	}

	private void policy(String name, AccessAction action, boolean audit, AccessRule... rules) {
		AccessPolicySpec spec = new AccessPolicySpec();
		spec.setAction(action);
		spec.setAudit(audit);
		spec.setRules(List.of(rules));
		this.specs.put(name, spec);
	}

	private static AccessRule rule(List<String> principals, List<String> namespaces, List<String> methods,
			List<String> paths) {
		AccessRule rule = new AccessRule();
		if (!principals.isEmpty() || !namespaces.isEmpty()) {
			rule.setFrom(new AccessRuleSource());
			rule.getFrom().setPrincipals(principals);
			rule.getFrom().setNamespaces(namespaces);
		}
		rule.setTo(new AccessRuleTarget());
		rule.getTo().setMethods(methods);
		rule.getTo().setPaths(paths);
		return rule;
	}

	private static PeerIdentity peer(String namespace, String serviceAccount) {
		return new PeerIdentity(new MeshPrincipal(new SpiffeId("cluster.local", namespace, serviceAccount)), null,
				null);
	}

}
