package dev.mesh.policy.document;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mesh.policy.Violation;
import dev.mesh.policy.spec.LoadBalancerAlgorithm;
import dev.mesh.policy.spec.MtlsMode;
import dev.mesh.policy.spec.ServicePolicySpec;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyReaderTests {

	private static final String SERVICE_HEADER = Documents.SERVICE_HEADER;

	@Test
	void bindsAServicePolicyAsAnApplicationWould() {
		PolicyDocument document = Documents.read(Documents.CATALOG_POLICY);
		ServicePolicySpec spec = document.spec(ServicePolicySpec.class);
		assertThat(document.qualifiedName()).isEqualTo("shop/catalog");
		assertThat(spec.getTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(spec.getRetries().getPerTryTimeout()).isEqualTo(Duration.ofMillis(500));
		assertThat(spec.getLoadBalancer().getAlgorithm()).isEqualTo(LoadBalancerAlgorithm.RING_HASH);
		assertThat(spec.getRoutes().get(0).getMatch().getHeaders()).containsEntry("X-Canary", "true");
		assertThat(spec.getRoutes().get(1).getDestinations()).extracting((d) -> d.getWeight()).containsExactly(90, 10);
		assertThat(document.properties()).containsEntry("retries.per-try-timeout", "500ms")
			.containsEntry("routes[0].match.headers[X-Canary]", "true")
			.containsEntry("subsets[v2].labels[version]", "v2");
	}

	@Test
	void readsEveryKind() {
		assertThat(Documents.read(Documents.MESH_CONFIG).kind()).isEqualTo(PolicyKind.MESH_CONFIG);
		assertThat(Documents.read(Documents.ACCESS_POLICY).kind()).isEqualTo(PolicyKind.ACCESS_POLICY);
		assertThat(Documents.read(Documents.GATEWAY_ROUTE).kind()).isEqualTo(PolicyKind.GATEWAY_ROUTE);
	}

	@Test
	void rendersCanonicalJsonThatReadsBackTheSame() {
		PolicyDocument document = Documents.read(Documents.CATALOG_POLICY);
		PolicyDocument again = PolicyReader.read(document.toJson().getBytes(), PolicyFormat.JSON);
		assertThat(again.toJson()).isEqualTo(document.toJson());
		assertThat(again.properties()).isEqualTo(document.properties());
	}

	@Test
	void rejectsUnknownKindAndApiVersion() {
		assertThat(Documents.fields("apiVersion: mesh.dev/v9\nkind: Nope\nmetadata: {name: a}\nspec: {}\n"))
			.containsExactly("apiVersion", "kind");
	}

	@Test
	void rejectsNamesThatAreNotDnsLabels() {
		assertThat(Documents.fields(
				"apiVersion: mesh.dev/v1\nkind: ServicePolicy\nmetadata: {name: Catalog, namespace: a_b}\nspec: {}\n"))
			.containsExactly("metadata.name", "metadata.namespace");
	}

	@Test
	void rejectsTrustDomainsThatCannotBeTheHostOfASpiffeId() {
		String meshConfig = "apiVersion: mesh.dev/v1\nkind: MeshConfig\nmetadata: {name: mesh}\n"
				+ "spec: {security: {trustDomain: '%s'}}\n";
		assertThat(Documents.read(meshConfig.formatted("my_mesh-1.example")).kind()).isEqualTo(PolicyKind.MESH_CONFIG);
		assertThat(Documents.fields(meshConfig.formatted("Shop.Example"))).containsExactly("spec.security.trustDomain");
		assertThat(Documents.fields(meshConfig.formatted("fe80::1"))).containsExactly("spec.security.trustDomain");
		assertThat(Documents.fields(meshConfig.formatted("shop..example")))
			.containsExactly("spec.security.trustDomain");
	}

	@Test
	void rejectsMtlsModesThatAreNotOneOfTheThreeNamingTheField() {
		assertThat(Documents.read(SERVICE_HEADER + "  mtls: {mode: PERMISSIVE}\n")
			.spec(ServicePolicySpec.class)
			.getMtls()
			.getMode()).isEqualTo(MtlsMode.PERMISSIVE);
		assertThat(Documents.violations(SERVICE_HEADER + "  mtls: {mode: SOMETIMES}\n")).singleElement()
			.satisfies((violation) -> {
				assertThat(violation.field()).isEqualTo("spec.mtls.mode");
				assertThat(violation.message()).contains("SOMETIMES");
			});
		String meshConfig = "apiVersion: mesh.dev/v1\nkind: MeshConfig\nmetadata: {name: mesh}\n"
				+ "spec: {security: {mtls: {mode: OFF}}}\n";
		assertThat(Documents.fields(meshConfig)).containsExactly("spec.security.mtls.mode");
	}

	@Test
	void rejectsUnknownFieldsAtEveryLevel() {
		assertThat(Documents.fields(
				"apiVersion: mesh.dev/v1\nkind: ServicePolicy\nextra: 1\nmetadata: {name: a, labels: {}}\nspec: {}\n"))
			.containsExactly("extra", "metadata.labels");
		assertThat(Documents.fields(SERVICE_HEADER + "  timeOut: 2s\n  retries: {attempts: 2, tries: 3}\n"))
			.containsExactlyInAnyOrder("spec.timeOut", "spec.retries.tries");
	}

	@Test
	void rejectsInvalidDurationsNamingTheField() {
		List<Violation> violations = Documents.violations(SERVICE_HEADER + "  retries: {perTryTimeout: soon}\n");
		assertThat(violations).singleElement().satisfies((violation) -> {
			assertThat(violation.field()).isEqualTo("spec.retries.perTryTimeout");
			assertThat(violation.message()).contains("soon");
		});
		assertThat(Documents.fields(SERVICE_HEADER + "  timeout: -1s\n")).containsExactly("spec.timeout");
	}

	@Test
	void rejectsWeightsThatDoNotSumToOneHundred() {
		String subsets = "  subsets: {v1: {labels: {version: v1}}, v2: {labels: {version: v2}}}\n";
		assertThat(routeViolations(subsets, "[{subset: v1, weight: 90}, {subset: v2, weight: 20}]"))
			.containsExactly(new Violation("spec.routes[0].destinations", "weights must sum to 100, not 110"));
		assertThat(routeViolations(subsets, "[{subset: v1, weight: 0}, {subset: v2, weight: 0}]"))
			.containsExactly(new Violation("spec.routes[0].destinations", "weights must sum to 100, not 0"));
		assertThat(routeViolations(subsets, "[{subset: v1, weight: -10}, {subset: v2, weight: 110}]"))
			.extracting(Violation::field)
			.containsExactly("spec.routes[0].destinations[0].weight", "spec.routes[0].destinations[1].weight");
		assertThat(routeViolations(subsets, "[{subset: v1, weight: 50}, {subset: v1, weight: 50}]"))
			.extracting(Violation::field)
			.containsExactly("spec.routes[0].destinations[1].subset");
		assertThat(routeViolations(subsets, "[{subset: v1, weight: 50}, {subset: v3, weight: 50}]"))
			.containsExactly(new Violation("spec.routes[0].destinations[1].subset", "'v3' is not a defined subset"));
	}

	@Test
	void rejectsExpressionsInAnyStringWithoutEvaluatingThem() {
		assertThat(Documents
			.fields(SERVICE_HEADER + "  subsets: {v1: {labels: {version: \"#{T(java.lang.Runtime)}\"}}}\n"))
			.containsExactly("spec.subsets.v1.labels.version");
		assertThat(Documents.fields(SERVICE_HEADER + "  timeout: \"${random.int}\"\n")).containsExactly("spec.timeout");
		assertThat(Documents.fields(SERVICE_HEADER + "  subsets: {\"${user.home}\": {labels: {version: v1}}}\n"))
			.containsExactly("spec.subsets.${user.home}");
	}

	@Test
	void rejectsStructureWhereAValueBelongsAndTheReverse() {
		assertThat(Documents.fields(SERVICE_HEADER + "  timeout: {seconds: 2}\n  routes: {name: x}\n"))
			.containsExactly("spec.timeout", "spec.routes");
	}

	@Test
	void rejectsInconsistentLoadBalancing() {
		assertThat(Documents.fields(SERVICE_HEADER + "  loadBalancer: {algorithm: RING_HASH}\n"))
			.containsExactly("spec.loadBalancer.hash");
		assertThat(Documents.fields(SERVICE_HEADER + "  loadBalancer: {algorithm: RANDOM, hash: {header: a}}\n"))
			.containsExactly("spec.loadBalancer.hash");
		assertThat(Documents
			.fields(SERVICE_HEADER + "  loadBalancer: {locality: {enabled: true, minHealthyPercent: 101}}\n"))
			.containsExactly("spec.loadBalancer.locality.minHealthyPercent");
		assertThat(Documents
			.fields(SERVICE_HEADER + "  outlierDetection: {baseEjectionTime: 30s, maxEjectionTime: 10s}\n"))
			.containsExactly("spec.outlierDetection.maxEjectionTime");
		assertThat(Documents.fields(SERVICE_HEADER + "  cohort: {enabled: true, label: 'ver sion'}\n"))
			.containsExactly("spec.cohort.label");
	}

	@Test
	void reportsEveryProblemAtOnce() {
		assertThat(Documents.fields(SERVICE_HEADER
				+ "  retries: {attempts: 0, retryOn: [sometimes]}\n  bulkhead: {maxConcurrentCalls: 0}\n"))
			.containsExactlyInAnyOrder("spec.retries.attempts", "spec.retries.retryOn[0]",
					"spec.bulkhead.maxConcurrentCalls");
	}

	private static List<Violation> routeViolations(String subsets, String destinations) {
		return Documents.violations(SERVICE_HEADER + subsets + "  routes:\n    - destinations: " + destinations + "\n");
	}

}
