package dev.mesh.loadbalancer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.mesh.policy.registry.MeshInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Distribution of calls per algorithm, with statistical tolerances.
 */
@Timeout(60)
class LoadBalancerAlgorithmTests {

	private static final String ALGORITHM = "mesh.outbound.destinations.catalog.load-balancer.algorithm=";

	@Test
	void roundRobinSpreadsCallsEvenly() {
		Balancers balancers = Balancers.of()
			.instances(Balancers.instance("a"), Balancers.instance("b"), Balancers.instance("c"));
		Map<String, Integer> calls = run(balancers, 300, (id) -> Duration.ofMillis(1));
		assertThat(calls).containsOnly(Map.entry("a", 100), Map.entry("b", 100), Map.entry("c", 100));
	}

	@Test
	void randomSpreadsCallsWithinTolerance() {
		Balancers balancers = Balancers.of(ALGORITHM + "RANDOM")
			.instances(Balancers.instance("a"), Balancers.instance("b"), Balancers.instance("c"));
		Map<String, Integer> calls = run(balancers, 3000, (id) -> Duration.ofMillis(1));
		assertThat(calls.values()).allSatisfy((count) -> assertThat(count).isCloseTo(1000, within(150)));
	}

	@Test
	void leastRequestAvoidsAnInstanceWithCallsInFlight() {
		Balancers balancers = Balancers.of(ALGORITHM + "LEAST_REQUEST")
			.instances(Balancers.instance("a"), Balancers.instance("b"), Balancers.instance("c"));
		Pick stuck = balancers.pick();
		while (!stuck.instance().instanceId().equals("a")) {
			stuck.completed(200);
			stuck = balancers.pick();
		}
		Map<String, Integer> calls = run(balancers, 300, (id) -> Duration.ofMillis(1));
		assertThat(calls.getOrDefault("a", 0)).isZero();
		stuck.cancelled();
		assertThat(run(balancers, 300, (id) -> Duration.ofMillis(1))).containsKey("a");
	}

	@Test
	void latencyAwareSendsLessTrafficToAnInstanceSlowedBy50Millis() {
		Balancers balancers = Balancers.of(ALGORITHM + "LATENCY_AWARE")
			.instances(Balancers.instance("a"), Balancers.instance("b"), Balancers.instance("slow"));
		Map<String, Integer> calls = run(balancers, 1000,
				(id) -> id.equals("slow") ? Duration.ofMillis(52) : Duration.ofMillis(2));
		assertThat(calls.getOrDefault("slow", 0)).isLessThan(100);
	}

	@Test
	void latencyAwarePenalisesAnInstanceThatFailsFast() {
		Balancers balancers = Balancers
			.of(ALGORITHM + "LATENCY_AWARE", "mesh.outbound.defaults.outlier-detection.consecutive-errors=1000")
			.instances(Balancers.instance("a"), Balancers.instance("b"), Balancers.instance("failing"));
		Map<String, Integer> calls = new HashMap<>();
		for (int i = 0; i < 1000; i++) {
			Pick pick = balancers.pick();
			String id = pick.instance().instanceId();
			calls.merge(id, 1, Integer::sum);
			boolean failing = id.equals("failing");
			balancers.advance(failing ? Duration.ofMillis(1) : Duration.ofMillis(5));
			pick.completed(failing ? 503 : 200);
		}
		assertThat(calls.getOrDefault("failing", 0)).isLessThan(100);
	}

	@Test
	void latencyAwareTriesASlowInstanceAgainOnceItsAverageDecays() {
		Balancers balancers = Balancers.of(ALGORITHM + "LATENCY_AWARE")
			.instances(Balancers.instance("a"), Balancers.instance("slow"));
		run(balancers, 200, (id) -> id.equals("slow") ? Duration.ofMillis(50) : Duration.ofMillis(2));
		balancers.advance(Duration.ofMinutes(2));
		Map<String, Integer> calls = run(balancers, 20, (id) -> Duration.ofMillis(2));
		assertThat(calls).containsKey("slow");
	}

	@Test
	void ringHashKeepsEveryKeyOnOneInstance() {
		Balancers balancers = Balancers
			.of(ALGORITHM + "RING_HASH", "mesh.outbound.destinations.catalog.load-balancer.hash.header=x-user")
			.instances(Balancers.many(5).toArray(MeshInstance[]::new));
		for (int user = 0; user < 200; user++) {
			String key = "user-" + user;
			String first = owner(balancers, key);
			for (int i = 0; i < 5; i++) {
				assertThat(owner(balancers, key)).isEqualTo(first);
			}
		}
	}

	@Test
	void ringHashRemapsAboutOneNthOfKeysWhenAnInstanceJoins() {
		Balancers balancers = Balancers.of(ALGORITHM + "RING_HASH",
				"mesh.outbound.destinations.catalog.load-balancer.hash.header=x-user");
		List<MeshInstance> instances = new ArrayList<>(Balancers.many(4));
		balancers.instances(instances.toArray(MeshInstance[]::new));
		Map<String, String> before = owners(balancers, 10_000);
		instances.add(Balancers.instance("catalog-new"));
		balancers.instances(instances.toArray(MeshInstance[]::new));
		Map<String, String> after = owners(balancers, 10_000);
		long moved = before.keySet().stream().filter((key) -> !before.get(key).equals(after.get(key))).count();
		assertThat(moved / 10_000.0).isLessThanOrEqualTo(1 / 5.0 + 0.05).isGreaterThan(0.1);
		assertThat(before.keySet().stream().filter((key) -> !before.get(key).equals(after.get(key))))
			.allSatisfy((key) -> assertThat(after.get(key)).isEqualTo("catalog-new"));
	}

	@Test
	void ringHashWithoutTheKeyStillPicksAnInstance() {
		Balancers balancers = Balancers
			.of(ALGORITHM + "RING_HASH", "mesh.outbound.destinations.catalog.load-balancer.hash.cookie=session")
			.instances(Balancers.instance("a"), Balancers.instance("b"));
		assertThat(run(balancers, 100, (id) -> Duration.ofMillis(1)).keySet()).containsExactlyInAnyOrder("a", "b");
	}

	private static String owner(Balancers balancers, String key) {
		Pick pick = balancers.pick((hashKey) -> hashKey.name().equals("x-user") ? key : null);
		pick.completed(200);
		return pick.instance().instanceId();
	}

	private static Map<String, String> owners(Balancers balancers, int keys) {
		Map<String, String> owners = new HashMap<>();
		for (int i = 0; i < keys; i++) {
			owners.put("user-" + i, owner(balancers, "user-" + i));
		}
		return owners;
	}

	static Map<String, Integer> run(Balancers balancers, int calls,
			java.util.function.Function<String, Duration> latency) {
		Map<String, Integer> counts = new HashMap<>();
		for (int i = 0; i < calls; i++) {
			Pick pick = balancers.pick();
			String id = pick.instance().instanceId();
			counts.merge(id, 1, Integer::sum);
			balancers.advance(latency.apply(id));
			pick.completed(200);
		}
		return counts;
	}

}
