package dev.mesh.loadbalancer;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passive health: instances that keep failing are ejected for a while, never too many at
 * once, and come back on their own.
 */
@Timeout(60)
class OutlierDetectionTests {

	@Test
	void ejectsAnInstanceAfterFiveConsecutiveFailuresAndReturnsItAfterTheEjectionTime() {
		Balancers balancers = Balancers.of()
			.instances(Balancers.instance("a"), Balancers.instance("b"), Balancers.instance("c"));
		failCalls(balancers, "a", 4);
		assertThat(callsTo(balancers, "a", 30)).isPositive();
		failCalls(balancers, "a", 5);
		assertThat(balancers.ejections).containsExactly("a 30");
		assertThat(callsTo(balancers, "a", 30)).isZero();
		balancers.advance(Duration.ofSeconds(31));
		assertThat(callsTo(balancers, "a", 30)).isPositive();
	}

	@Test
	void successResetsTheCountOfConsecutiveFailures() {
		Balancers balancers = Balancers.of().instances(Balancers.instance("a"), Balancers.instance("b"));
		for (int round = 0; round < 3; round++) {
			failCalls(balancers, "a", 4);
			succeedCall(balancers, "a");
		}
		assertThat(balancers.ejections).isEmpty();
	}

	@Test
	void connectionFailuresCountAsFailures() {
		Balancers balancers = Balancers.of().instances(Balancers.instance("a"), Balancers.instance("b"));
		int failures = 0;
		while (failures < 5) {
			Pick pick = balancers.pick();
			if (pick.instance().instanceId().equals("a")) {
				pick.failed();
				failures++;
			}
			else {
				pick.completed(200);
			}
		}
		assertThat(balancers.ejections).containsExactly("a 30");
	}

	@Test
	void repeatEjectionsLastLongerUpToTheMaximum() {
		Balancers balancers = Balancers
			.of("mesh.outbound.defaults.outlier-detection.base-ejection-time=10s",
					"mesh.outbound.defaults.outlier-detection.max-ejection-time=25s")
			.instances(Balancers.instance("a"), Balancers.instance("b"));
		for (int round = 0; round < 3; round++) {
			failCalls(balancers, "a", 5);
			balancers.advance(Duration.ofSeconds(26));
		}
		assertThat(balancers.ejections).containsExactly("a 10", "a 20", "a 25");
	}

	@Test
	void neverEjectsMoreThanTheMaximumShare() {
		Balancers balancers = Balancers.of("mesh.outbound.defaults.outlier-detection.max-ejection-percent=50")
			.instances(Balancers.instance("a"), Balancers.instance("b"), Balancers.instance("c"),
					Balancers.instance("d"));
		for (int i = 0; i < 200; i++) {
			Pick pick = balancers.pick();
			pick.completed(500);
		}
		assertThat(balancers.ejections).hasSize(2);
		assertThat(LoadBalancerAlgorithmTests.run(balancers, 100, (id) -> Duration.ofMillis(1))).hasSize(2);
	}

	@Test
	void failsOverToOtherZonesWhenTooFewLocalInstancesAreHealthy() {
		Balancers balancers = Balancers
			.inZone("a", "mesh.outbound.destinations.catalog.load-balancer.locality.enabled=true")
			.instances(Balancers.instance("local-1", "v1", "a"), Balancers.instance("local-2", "v1", "a"),
					Balancers.instance("remote-1", "v1", "b"), Balancers.instance("remote-2", "v1", "b"));
		assertThat(LoadBalancerAlgorithmTests.run(balancers, 100, (id) -> Duration.ofMillis(1)).keySet())
			.containsExactlyInAnyOrder("local-1", "local-2");
		failCalls(balancers, "local-1", 5);
		Map<String, Integer> calls = LoadBalancerAlgorithmTests.run(balancers, 90, (id) -> Duration.ofMillis(1));
		assertThat(calls).containsOnly(Map.entry("local-2", 30), Map.entry("remote-1", 30), Map.entry("remote-2", 30));
	}

	@Test
	void staysLocalWhileTheHealthyShareMeetsTheThreshold() {
		Balancers balancers = Balancers
			.inZone("a", "mesh.outbound.destinations.catalog.load-balancer.locality.enabled=true",
					"mesh.outbound.destinations.catalog.load-balancer.locality.min-healthy-percent=50")
			.instances(Balancers.instance("local-1", "v1", "a"), Balancers.instance("local-2", "v1", "a"),
					Balancers.instance("remote-1", "v1", "b"));
		failCalls(balancers, "local-1", 5);
		assertThat(LoadBalancerAlgorithmTests.run(balancers, 20, (id) -> Duration.ofMillis(1)))
			.containsOnly(Map.entry("local-2", 20));
	}

	private static void failCalls(Balancers balancers, String id, int failures) {
		int failed = 0;
		while (failed < failures) {
			Pick pick = balancers.pick();
			if (pick.instance().instanceId().equals(id)) {
				pick.completed(503);
				failed++;
			}
			else {
				pick.completed(200);
			}
		}
	}

	private static void succeedCall(Balancers balancers, String id) {
		while (true) {
			Pick pick = balancers.pick();
			pick.completed(200);
			if (pick.instance().instanceId().equals(id)) {
				return;
			}
		}
	}

	private static int callsTo(Balancers balancers, String id, int calls) {
		return LoadBalancerAlgorithmTests.run(balancers, calls, (instance) -> Duration.ofMillis(1)).getOrDefault(id, 0);
	}

}
