package dev.mesh.control.policy.store;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyStoreConcurrencyTests {

	private static final int THREADS = 8;

	private static final PolicyKey KEY = new PolicyKey("ServicePolicy", "shop", "catalog");

	private final ExecutorService executor = Executors.newFixedThreadPool(THREADS);

	@TempDir
	Path directory;

	@AfterEach
	void stopExecutor() throws InterruptedException {
		this.executor.shutdownNow();
		assertThat(this.executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "memory", "file" })
	void ofWritersRacingFromTheSameResourceVersionExactlyOneWins(String kind) throws Exception {
		try (PolicyStore store = createStore(kind)) {
			StoredPolicy current = store.create(KEY, "{\"round\":0}", "setup");
			for (int round = 1; round <= 5; round++) {
				long expected = current.resourceVersion();
				int thisRound = round;
				List<Outcome> outcomes = race((writer) -> {
					try {
						return new Outcome(store.replace(KEY, "{\"round\":" + thisRound + ",\"writer\":" + writer + "}",
								"writer-" + writer, expected), null);
					}
					catch (PolicyConflictException ex) {
						return new Outcome(null, ex);
					}
				});
				List<StoredPolicy> winners = outcomes.stream().map(Outcome::stored).filter((s) -> s != null).toList();
				assertThat(winners).hasSize(1);
				assertThat(outcomes).filteredOn((outcome) -> outcome.conflict() != null)
					.hasSize(THREADS - 1)
					.allSatisfy(
							(outcome) -> assertThat(outcome.conflict().getResourceVersion()).isEqualTo(expected + 1));
				current = winners.get(0);
				assertThat(store.get(KEY)).contains(current);
				assertThat(store.resourceVersion()).isEqualTo(expected + 1);
			}
			assertThat(store.history(KEY)).hasSize(6);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "memory", "file" })
	void concurrentWritersNotifyListenersInCommitOrder(String kind) throws Exception {
		try (PolicyStore store = createStore(kind)) {
			List<Long> seen = new ArrayList<>();
			store.addListener((revision) -> {
				synchronized (seen) {
					seen.add(revision.resourceVersion());
				}
			});
			int perWriter = 20;
			race((writer) -> {
				for (int i = 0; i < perWriter; i++) {
					store.create(new PolicyKey("ServicePolicy", "ns-" + writer, "p-" + i), "{}", "writer-" + writer);
				}
				return null;
			});
			long total = (long) THREADS * perWriter;
			assertThat(store.resourceVersion()).isEqualTo(total);
			synchronized (seen) {
				assertThat(seen).containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
			}
		}
	}

	private PolicyStore createStore(String kind) {
		return ("file".equals(kind)) ? new FileJournalPolicyStore(this.directory, Clock.systemUTC(), 1024 * 1024)
				: new InMemoryPolicyStore();
	}

	private <T> List<T> race(Function<Integer, T> writer) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<T>> futures = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			int id = i;
			Callable<T> task = () -> {
				start.await();
				return writer.apply(id);
			};
			futures.add(this.executor.submit(task));
		}
		start.countDown();
		List<T> results = new ArrayList<>();
		for (Future<T> future : futures) {
			results.add(future.get(20, TimeUnit.SECONDS));
		}
		return results;
	}

	private record Outcome(StoredPolicy stored, PolicyConflictException conflict) {

	}

}
