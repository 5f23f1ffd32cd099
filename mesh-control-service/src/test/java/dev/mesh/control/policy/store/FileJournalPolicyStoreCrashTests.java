package dev.mesh.control.policy.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Kills a {@link StoreCrashWriter} in another JVM with {@code kill -9} at random moments
 * and checks that the store it leaves behind holds every acknowledged write, whole.
 */
class FileJournalPolicyStoreCrashTests {

	private static final Log logger = LogFactory.getLog(FileJournalPolicyStoreCrashTests.class);

	private static final Pattern ACK = Pattern
		.compile("ACK (\\d+) ([A-Za-z]+) ([a-z0-9-]+)/([a-z0-9-]+) ([0-9a-f]{64}|" + StoreCrashWriter.DELETED + ")");

	private static final Pattern COMPACTED = Pattern.compile("COMPACTED (\\d+)");

	private static final int ROUNDS = 5;

	@TempDir
	Path temp;

	@Test
	void everyAcknowledgedWriteSurvivesKillDashNine() throws Exception {
		Path directory = this.temp.resolve("store");
		Random random = new Random();
		TreeMap<Long, Ack> acked = new TreeMap<>();
		Set<Long> completeUnacknowledged = new HashSet<>();
		int compactions = 0;
		for (int round = 1; round <= ROUNDS; round++) {
			Path errors = this.temp.resolve("writer-" + round + ".err");
			Process writer = new ProcessBuilder(javaCommand(directory, random.nextLong()))
				.redirectError(errors.toFile())
				.start();
			try {
				AckReader reader = new AckReader(writer.getInputStream());
				reader.start();
				await().atMost(Duration.ofSeconds(20)).until(() -> reader.count() > 0 || !writer.isAlive());
				assertThat(writer.isAlive()).as(() -> "writer alive; stderr: " + read(errors)).isTrue();
				assertThatIllegalStateException().isThrownBy(() -> openStore(directory))
					.withMessageContaining("is in use by another process or store");
				assertThat(writer.waitFor(100 + random.nextInt(500), TimeUnit.MILLISECONDS)).isFalse();
				// Process.destroyForcibly() would also drop ACKs left in the pipe
				assertThat(writer.toHandle().destroyForcibly()).isTrue();
				assertThat(writer.waitFor(10, TimeUnit.SECONDS)).isTrue();
				reader.join(TimeUnit.SECONDS.toMillis(10));
				assertThat(reader.isAlive()).isFalse();
				assertThat(reader.failure).isNull();
				reader.acks.forEach((ack) -> acked.put(ack.resourceVersion(), ack));
				compactions += reader.compactions.get();
				logger.info("Round " + round + ": " + reader.count() + " writes acknowledged before kill -9, "
						+ reader.compactions.get() + " compactions");
			}
			finally {
				writer.destroyForcibly();
			}
			verify(directory, acked, completeUnacknowledged);
		}
		logger.info(ROUNDS + " kills, " + acked.size() + " acknowledged writes, " + compactions + " compactions");
		assertThat(compactions).isPositive();
	}

	private void verify(Path directory, TreeMap<Long, Ack> acked, Set<Long> completeUnacknowledged) {
		try (FileJournalPolicyStore store = openStore(directory)) {
			long lastAcked = acked.lastKey();
			// A single writer: at most the write in flight at the kill is complete but
			// unacknowledged; it stays the last revision of its key until that key is
			// written again in a later round
			assertThat(store.resourceVersion()).isBetween(lastAcked, lastAcked + 1);
			if (store.resourceVersion() > lastAcked) {
				completeUnacknowledged.add(store.resourceVersion());
			}
			Map<PolicyKey, Ack> latestAcks = new HashMap<>();
			for (Ack ack : acked.values()) {
				assertThat(store.revision(ack.key(), ack.resourceVersion())).hasValueSatisfying(
						(stored) -> assertThat(StoreCrashWriter.digest(stored)).isEqualTo(ack.digest()));
				latestAcks.put(ack.key(), ack);
			}
			TreeSet<Long> resourceVersions = new TreeSet<>();
			for (PolicyKey key : StoreCrashWriter.KEYS) {
				List<StoredPolicy> history = store.history(key);
				for (StoredPolicy revision : history) {
					assertThat(resourceVersions.add(revision.resourceVersion())).isTrue();
					assertThat(revision.deleted() || StoreCrashWriter.isWhole(key, revision.document()))
						.as("whole document in %s", revision)
						.isTrue();
				}
				Ack latest = latestAcks.get(key);
				if (latest != null) {
					long last = history.get(history.size() - 1).resourceVersion();
					if (last != latest.resourceVersion()) {
						assertThat(last).as("revision written after the last acknowledged one of %s", key)
							.isGreaterThan(latest.resourceVersion())
							.isIn(completeUnacknowledged);
					}
				}
			}
			assertThat(resourceVersions)
				.containsExactlyElementsOf(LongStream.rangeClosed(1, store.resourceVersion()).boxed().toList());
		}
	}

	private FileJournalPolicyStore openStore(Path directory) {
		return new FileJournalPolicyStore(directory, Clock.systemUTC(), StoreCrashWriter.COMPACTION_THRESHOLD);
	}

	private List<String> javaCommand(Path directory, long seed) {
		String java = ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		return List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
				System.getProperty("java.class.path"), StoreCrashWriter.class.getName(), directory.toString(),
				Long.toString(seed));
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private record Ack(long resourceVersion, PolicyKey key, String digest) {

	}

	/**
	 * Reads the output of the writer until it dies.
	 */
	private static final class AckReader extends Thread {

		private final BufferedReader output;

		private final List<Ack> acks = new ArrayList<>();

		private final ConcurrentLinkedQueue<Ack> received = new ConcurrentLinkedQueue<>();

		private final AtomicInteger compactions = new AtomicInteger();

		private volatile IOException failure;

		AckReader(InputStream output) {
			super("crash-writer-output");
			setDaemon(true);
			this.output = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
		}

		@Override
		public void run() {
			try (BufferedReader lines = this.output) {
				String line;
				while ((line = lines.readLine()) != null) {
					accept(line);
				}
			}
			catch (IOException ex) {
				this.failure = ex;
			}
			this.acks.addAll(this.received);
		}

		private void accept(String line) {
			Matcher ack = ACK.matcher(line);
			if (ack.matches()) {
				PolicyKey key = new PolicyKey(ack.group(2), ack.group(3), ack.group(4));
				this.received.add(new Ack(Long.parseLong(ack.group(1)), key, ack.group(5)));
				return;
			}
			Matcher compacted = COMPACTED.matcher(line);
			if (compacted.matches()) {
				this.compactions.set(Integer.parseInt(compacted.group(1)));
			}
		}

		int count() {
			return this.received.size();
		}

	}

}
