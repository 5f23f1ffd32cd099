package dev.mesh.gateway.traffic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpCookie;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import dev.mesh.loadbalancer.MeshSubset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SubsetSplitTests {

	private static final MockServerHttpRequest ANONYMOUS = MockServerHttpRequest.get("/").build();

	@Test
	void givesEachSubsetItsWeightWithinOneRequestAtEveryPoint() {
		for (int[] weights : new int[][] { { 90, 10 }, { 50, 50 }, { 1, 99 }, { 33, 33, 34 }, { 70, 0, 30 },
				{ 97, 1, 1, 1 } }) {
			SubsetSplit split = new SubsetSplit(destinations(weights), null);
			int[] counts = new int[weights.length];
			for (int n = 1; n <= 500; n++) {
				counts[index(split.choose(ANONYMOUS))]++;
				for (int i = 0; i < weights.length; i++) {
					assertThat((double) counts[i]).as("subset %d of %s after %d requests", i, weights, n)
						.isCloseTo(n * weights[i] / 100.0, within(1.0));
				}
			}
			for (int i = 0; i < weights.length; i++) {
				assertThat(counts[i]).isEqualTo(5 * weights[i]);
			}
		}
	}

	@Test
	void neverChoosesASubsetOfWeightZero() {
		SubsetSplit split = new SubsetSplit(destinations(0, 100), null);
		for (int i = 0; i < 1000; i++) {
			assertThat(split.choose(ANONYMOUS).name()).isEqualTo("v2");
		}
		assertThat(split.counts()).containsExactly(0L, 1000L);
	}

	@Test
	void keepsTheSameKeyOnTheSameSubset() {
		SubsetSplit split = new SubsetSplit(destinations(50, 50), new StickyKey(StickyKey.Source.COOKIE, "user"));
		for (int user = 0; user < 50; user++) {
			MockServerHttpRequest request = MockServerHttpRequest.get("/").cookie(cookie("user-" + user)).build();
			String first = split.choose(request).name();
			for (int i = 0; i < 1000; i++) {
				assertThat(split.choose(request).name()).isEqualTo(first);
			}
		}
	}

	@Test
	void movesUsersOnlyTowardsTheCanaryAsItGrows() {
		StickyKey key = new StickyKey(StickyKey.Source.HEADER, "X-User");
		Map<String, String> previous = new HashMap<>();
		for (int canary = 0; canary <= 100; canary += 10) {
			SubsetSplit split = new SubsetSplit(destinations(100 - canary, canary), key);
			int onCanary = 0;
			for (int user = 0; user < 2000; user++) {
				String name = split.choose(MockServerHttpRequest.get("/").header("X-User", "user-" + user).build())
					.name();
				String before = previous.put("user-" + user, name);
				if ("v2".equals(before)) {
					assertThat(name).as("user-%d at %d%%", user, canary).isEqualTo("v2");
				}
				onCanary += "v2".equals(name) ? 1 : 0;
			}
			assertThat(100.0 * onCanary / 2000).isCloseTo(canary, within(5.0));
		}
	}

	@Test
	void spreadsKeysEvenlyOverTheBuckets() {
		int[] buckets = new int[StickyKey.BUCKETS];
		for (int user = 0; user < 100_000; user++) {
			buckets[StickyKey.bucket("user-" + user)]++;
		}
		for (int count : buckets) {
			assertThat(count).isBetween(850, 1150);
		}
		assertThat(StickyKey.bucket("alice")).isEqualTo(StickyKey.bucket("alice"));
	}

	@Test
	void fallsBackToTheScheduleWithoutAKey() {
		SubsetSplit split = new SubsetSplit(destinations(10, 90), new StickyKey(StickyKey.Source.COOKIE, "user"));
		int canary = 0;
		for (int i = 0; i < 100; i++) {
			canary += "v1".equals(split.choose(ANONYMOUS).name()) ? 1 : 0;
		}
		assertThat(canary).isEqualTo(10);
	}

	/**
	 * Subsets {@code v1}, {@code v2}... with the given weights.
	 */
	private static List<Destination> destinations(int... weights) {
		List<Destination> destinations = new ArrayList<>();
		for (int i = 0; i < weights.length; i++) {
			String name = "v" + (i + 1);
			destinations.add(new Destination(name, new MeshSubset(Map.of("version", name)), weights[i]));
		}
		return destinations;
	}

	private static int index(Destination destination) {
		int number = Integer.parseInt(destination.name().substring(1));
		return number - 1;
	}

	private static HttpCookie cookie(String value) {
		return new HttpCookie("user", value);
	}

}
