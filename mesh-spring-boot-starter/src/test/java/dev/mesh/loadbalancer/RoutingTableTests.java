package dev.mesh.loadbalancer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import dev.mesh.policy.document.WorkloadSnapshots;
import dev.mesh.policy.spec.MeshPolicy;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingTableTests {

	private final RoutingTable table = RoutingTable
		.of(WorkloadSnapshots.bindStrictly(Map.ofEntries(Map.entry("mesh.outbound.defaults.timeout", "5s"),
				Map.entry("mesh.outbound.destinations[catalog].timeout", "2s"),
				Map.entry("mesh.outbound.destinations[catalog].subsets[v1].labels[version]", "v1"),
				Map.entry("mesh.outbound.destinations[catalog].subsets[v2].labels[version]", "v2"),
				Map.entry("mesh.outbound.destinations[catalog].routes[0].name", "testers"),
				Map.entry("mesh.outbound.destinations[catalog].routes[0].match.headers[x-canary]", "true"),
				Map.entry("mesh.outbound.destinations[catalog].routes[0].destinations[0].subset", "v2"),
				Map.entry("mesh.outbound.destinations[catalog].routes[0].destinations[0].weight", "100"),
				Map.entry("mesh.outbound.destinations[catalog].routes[0].timeout", "300ms"),
				Map.entry("mesh.outbound.destinations[catalog].routes[1].destinations[0].subset", "v1"),
				Map.entry("mesh.outbound.destinations[catalog].routes[1].destinations[0].weight", "80"),
				Map.entry("mesh.outbound.destinations[catalog].routes[1].destinations[1].subset", "v2"),
				Map.entry("mesh.outbound.destinations[catalog].routes[1].destinations[1].weight", "20"))));

	@Test
	void sendsMatchingRequestsToTheRoutesSubsetWithItsTimeout() {
		HttpHeaders headers = new HttpHeaders();
		headers.add("X-Canary", "true");
		RoutingTable.Decision decision = this.table.route("catalog", HttpMethod.GET, "/items", headers);
		assertThat(decision.route()).isEqualTo("testers");
		assertThat(decision.subset()).isEqualTo(new MeshSubset(Map.of("version", "v2")));
		assertThat(decision.timeout()).isEqualTo(Duration.ofMillis(300));
	}

	@Test
	void splitsByWeightWithinStatisticalTolerance() {
		Map<MeshSubset, Integer> counts = new HashMap<>();
		for (int i = 0; i < 10_000; i++) {
			counts.merge(this.table.route("catalog", HttpMethod.GET, "/items", new HttpHeaders()).subset(), 1,
					Integer::sum);
		}
		assertThat(counts.get(new MeshSubset(Map.of("version", "v2")))).isBetween(1_700, 2_300);
		assertThat(counts.get(new MeshSubset(Map.of("version", "v1")))).isBetween(7_700, 8_300);
	}

	@Test
	void neverPicksAZeroWeightSubset() {
		RoutingTable zero = RoutingTable
			.of(WorkloadSnapshots.bindStrictly(Map.of("mesh.outbound.destinations[catalog].subsets[v1].labels[version]",
					"v1", "mesh.outbound.destinations[catalog].subsets[v2].labels[version]", "v2",
					"mesh.outbound.destinations[catalog].routes[0].destinations[0].subset", "v1",
					"mesh.outbound.destinations[catalog].routes[0].destinations[0].weight", "100",
					"mesh.outbound.destinations[catalog].routes[0].destinations[1].subset", "v2",
					"mesh.outbound.destinations[catalog].routes[0].destinations[1].weight", "0")));
		for (int i = 0; i < 1_000; i++) {
			assertThat(zero.route("catalog", HttpMethod.GET, "/", new HttpHeaders()).subset())
				.isEqualTo(new MeshSubset(Map.of("version", "v1")));
		}
	}

	@Test
	void fallsBackToTheDestinationAndThenTheMeshTimeout() {
		assertThat(RoutingTable.of(new MeshPolicy()).route("pricing", HttpMethod.GET, "/", null).timeout()).isNull();
		assertThat(this.table.route("pricing", HttpMethod.GET, "/", null))
			.isEqualTo(new RoutingTable.Decision(null, null, Duration.ofSeconds(5), null));
	}

	@Test
	void matchesPathsAndMethods() {
		RoutingTable paths = RoutingTable
			.of(WorkloadSnapshots.bindStrictly(Map.of("mesh.outbound.destinations[catalog].subsets[v2].labels[version]",
					"v2", "mesh.outbound.destinations[catalog].routes[0].match.path-prefix", "/admin",
					"mesh.outbound.destinations[catalog].routes[0].match.methods[0]", "POST",
					"mesh.outbound.destinations[catalog].routes[0].destinations[0].subset", "v2",
					"mesh.outbound.destinations[catalog].routes[0].destinations[0].weight", "100")));
		assertThat(paths.route("catalog", HttpMethod.POST, "/admin/reindex", null).subset()).isNotNull();
		assertThat(paths.route("catalog", HttpMethod.GET, "/admin/reindex", null).subset()).isNull();
		assertThat(paths.route("catalog", HttpMethod.POST, "/items", null).subset()).isNull();
	}

}
