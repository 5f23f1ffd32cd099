package dev.mesh.policy.document;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.mesh.policy.Violation;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Policy documents for tests.
 */
final class Documents {

	/**
	 * The start of a {@code ServicePolicy} of {@code catalog}, before its spec fields.
	 */
	static final String SERVICE_HEADER = """
			apiVersion: mesh.dev/v1
			kind: ServicePolicy
			metadata: {name: catalog}
			spec:
			""";

	static final String CATALOG_POLICY = """
			apiVersion: mesh.dev/v1
			kind: ServicePolicy
			metadata:
			  name: catalog
			  namespace: shop
			spec:
			  timeout: 2s
			  retries:
			    attempts: 3
			    perTryTimeout: 500ms
			    retryOn: [connect-failure, 503]
			  loadBalancer:
			    algorithm: ring_hash
			    hash:
			      header: X-User
			  subsets:
			    v1:
			      labels: {version: v1}
			    v2:
			      labels: {version: v2}
			  routes:
			    - name: canary
			      match:
			        pathPrefix: /catalog
			        headers: {X-Canary: "true"}
			      destinations:
			        - {subset: v2, weight: 100}
			    - destinations:
			        - {subset: v1, weight: 90}
			        - {subset: v2, weight: 10}
			  rateLimit:
			    requestsPerSecond: 100
			    callers:
			      storefront: {requestsPerSecond: 500}
			""";

	static final String MESH_CONFIG = """
			apiVersion: mesh.dev/v1
			kind: MeshConfig
			metadata: {name: mesh}
			spec:
			  security:
			    trustDomain: shop.example
			    mtls: {mode: STRICT}
			  defaults:
			    timeout: 5s
			""";

	static final String ACCESS_POLICY = """
			apiVersion: mesh.dev/v1
			kind: AccessPolicy
			metadata: {name: storefront-only, namespace: shop}
			spec:
			  service: catalog
			  action: ALLOW
			  rules:
			    - from: {principals: ["spiffe://shop.example/ns/shop/sa/storefront"]}
			      to: {methods: [GET], paths: ["/catalog/*"]}
			""";

	static final String GATEWAY_ROUTE = """
			apiVersion: mesh.dev/v1
			kind: GatewayRoute
			metadata: {name: catalog-canary, namespace: shop}
			spec:
			  match: {pathPrefix: /api/catalog}
			  service: catalog
			  stripPrefix: 1
			  destinations:
			    - {subset: v1, weight: 95}
			    - {subset: v2, weight: 5}
			""";

	private Documents() {
	}

	static PolicyDocument read(String yaml) {
		return PolicyReader.read(yaml.getBytes(StandardCharsets.UTF_8), PolicyFormat.YAML);
	}

	/**
	 * Read a document that must be rejected.
	 * @param yaml the document
	 * @return the violations
	 */
	static List<Violation> violations(String yaml) {
		return assertThatExceptionOfType(PolicyViolationException.class).isThrownBy(() -> read(yaml))
			.actual()
			.getViolations();
	}

	/**
	 * Read a document that must be rejected.
	 * @param yaml the document
	 * @return the field paths of the violations
	 */
	static List<String> fields(String yaml) {
		return violations(yaml).stream().map(Violation::field).toList();
	}

}
