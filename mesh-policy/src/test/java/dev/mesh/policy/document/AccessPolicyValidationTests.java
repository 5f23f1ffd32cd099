package dev.mesh.policy.document;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.mesh.policy.Violation;
import dev.mesh.policy.spec.AccessAction;
import dev.mesh.policy.spec.AccessPolicySpec;
import dev.mesh.policy.spec.AccessRule;
import dev.mesh.policy.spec.AccessRuleSource;
import dev.mesh.policy.spec.AccessRuleTarget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AccessPolicyValidationTests {

	private static final String HEADER = """
			apiVersion: mesh.dev/v1
			kind: AccessPolicy
			metadata: {name: catalog-access, namespace: shop}
			spec:
			  service: catalog
			  action: DENY
			  rules:
			""";

	@Test
	void acceptsSpiffeIdsTheirPrefixesAndAnyone() {
		PolicyDocument document = Documents.read(HEADER + """
				    - from:
				        principals:
				          - spiffe://cluster.local/ns/shop/sa/storefront
				          - spiffe://cluster.local/ns/shop/sa/store*
				          - spiffe://cluster.local/ns/shop/*
				          - spiffe://cluster.local/ns/sh*
				          - spiffe://cluster.local/*
				          - "*"
				        namespaces: [shop, mesh-system]
				      to: {methods: [GET, POST], paths: [/, /admin, /admin/*, /adm*, "/*", /files/v1.2/x]}
				      when: {X-Tenant: blue}
				""");
		assertThat(document.kind()).isEqualTo(PolicyKind.ACCESS_POLICY);
	}

	@Test
	void rejectsPrincipalsThatAreNotSpiffeIdsNamingTheField() {
		List<Violation> violations = Documents.violations(HEADER + """
				    - from:
				        principals:
				          - storefront
				          - spiffe://cluster.local/ns/shop
				          - SPIFFE://cluster.local/ns/shop/sa/storefront
				          - spiffe://cluster.local/ns/shop/sa/store*front
				          - spiffe://cluster.local/ns/shop/sa/*/x*
				          - spiffe://Cluster.local/*
				          - spiffe://cluster.local/ns/shop/sa/storefront?x=1
				          - spiffe://cluster.local/ns/shop/sa/storefront
				""");
		assertThat(violations).extracting(Violation::field)
			.containsExactly("spec.rules[0].from.principals[0]", "spec.rules[0].from.principals[1]",
					"spec.rules[0].from.principals[2]", "spec.rules[0].from.principals[3]",
					"spec.rules[0].from.principals[4]", "spec.rules[0].from.principals[5]",
					"spec.rules[0].from.principals[6]");
		assertThat(violations.get(0).message()).contains("SPIFFE ID");
	}

	@Test
	void rejectsInvalidNamespacesAndMethods() {
		assertThat(Documents.fields(HEADER + """
				    - from: {namespaces: [Shop, "a_b"]}
				      to: {methods: [GET, get, FETCH]}
				""")).containsExactly("spec.rules[0].from.namespaces[0]", "spec.rules[0].from.namespaces[1]",
				"spec.rules[0].to.methods[1]", "spec.rules[0].to.methods[2]");
	}

	@Test
	void rejectsPathsThatNoNormalizedRequestPathCouldMatch() {
		List<Violation> violations = Documents.violations(HEADER + """
				    - to:
				        paths: [admin, "/a*b", "/admin/", "//admin", "/a/../admin", "/./admin", "/admin%2F",
				                "/admin;x", "/a\\\\b", "/a b", "/a?b", "**"]
				""");
		assertThat(violations).extracting(Violation::field)
			.containsExactly("spec.rules[0].to.paths[0]", "spec.rules[0].to.paths[1]", "spec.rules[0].to.paths[2]",
					"spec.rules[0].to.paths[3]", "spec.rules[0].to.paths[4]", "spec.rules[0].to.paths[5]",
					"spec.rules[0].to.paths[6]", "spec.rules[0].to.paths[7]", "spec.rules[0].to.paths[8]",
					"spec.rules[0].to.paths[9]", "spec.rules[0].to.paths[10]", "spec.rules[0].to.paths[11]");
		assertThat(violations.get(1).message()).contains("'*' only as its last character");
		assertThat(violations.get(2).message()).contains("trailing '/'");
	}

	@Test
	void requiresTheActionAndTheServiceOfADocument() {
		assertThat(Documents.fields("""
				apiVersion: mesh.dev/v1
				kind: AccessPolicy
				metadata: {name: incomplete}
				spec:
				  rules: []
				""")).containsExactly("spec.service", "spec.action");
	}

	@Test
	void checksTheAccessPoliciesAWorkloadBindsAtTheirPropertyPaths() {
		AccessPolicySpec policy = new AccessPolicySpec();
		AccessRule rule = new AccessRule();
		rule.setFrom(new AccessRuleSource());
		rule.getFrom().setPrincipals(List.of("storefront"));
		rule.setTo(new AccessRuleTarget());
		rule.getTo().setPaths(List.of("/admin/"));
		policy.setRules(List.of(rule));
		assertThat(AccessPolicyChecks.check(Map.of("local/admin", policy))).extracting(Violation::field)
			.containsExactly("mesh.inbound.access[local/admin].action",
					"mesh.inbound.access[local/admin].rules[0].from.principals[0]",
					"mesh.inbound.access[local/admin].rules[0].to.paths[0]");
		policy.setAction(AccessAction.ALLOW);
		rule.getFrom().setPrincipals(List.of("spiffe://cluster.local/ns/default/sa/storefront"));
		rule.getTo().setPaths(List.of("/admin"));
		assertThat(AccessPolicyChecks.check(Map.of("local/admin", policy))).isEmpty();
	}

	@Test
	void refusesSnapshotsWithAnInvalidAccessPolicy() {
		assertThatExceptionOfType(PolicyViolationException.class)
			.isThrownBy(() -> WorkloadSnapshots.bindStrictly(Map.of("mesh.inbound.access[shop/x].action", "DENY",
					"mesh.inbound.access[shop/x].rules[0].to.paths[0]", "/admin/../x")))
			.withMessageContaining("mesh.inbound.access[shop/x].rules[0].to.paths[0]");
	}

}
