package dev.mesh.control.policy.store;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test-only program that writes to a {@link FileJournalPolicyStore} as fast as it can
 * until it is killed, printing {@code ACK <resourceVersion> <kind> <namespace>/<name>
 * <sha-256 of the document or DELETED>} once each write has returned, and
 * {@code COMPACTED <count>} after each compaction. Arguments: the directory of the store
 * and a random seed.
 */
public final class StoreCrashWriter {

	static final long COMPACTION_THRESHOLD = 64 * 1024;

	static final List<PolicyKey> KEYS = keys();

	static final String DELETED = "DELETED";

	private static final Pattern DOCUMENT = Pattern
		.compile("\\{\"policy\":\"([a-z0-9-]+)\",\"seq\":\\d+,\"size\":(\\d+),\"pad\":\"([a-z ]*)\"\\}");

	private static final String[] WORDS = { "retry", "timeout", "circuit", "breaker", "subset", "weight", "mesh" };

	private StoreCrashWriter() {
	}

	public static void main(String[] args) {
		Path directory = Path.of(args[0]);
		Random random = new Random(Long.parseLong(args[1]));
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 8192),
				false, StandardCharsets.UTF_8);
		try (FileJournalPolicyStore store = new FileJournalPolicyStore(directory, Clock.systemUTC(),
				COMPACTION_THRESHOLD)) {
			int compactions = 0;
			for (long seq = 0; System.nanoTime() < deadline; seq++) {
				StoredPolicy written = write(store, random, seq);
				out.println("ACK " + written.resourceVersion() + " " + written.key().kind() + " "
						+ written.key().namespace() + "/" + written.key().name() + " " + digest(written));
				if (store.compactions() != compactions) {
					compactions = store.compactions();
					out.println("COMPACTED " + compactions);
				}
				out.flush();
			}
		}
	}

	private static StoredPolicy write(PolicyStore store, Random random, long seq) {
		PolicyKey key = KEYS.get(random.nextInt(KEYS.size()));
		Optional<StoredPolicy> current = store.get(key);
		if (current.isEmpty()) {
			return store.create(key, document(key, random, seq), "crash-writer");
		}
		if (random.nextInt(8) == 0) {
			return store.delete(key, "crash-writer", current.get().resourceVersion());
		}
		return store.replace(key, document(key, random, seq), "crash-writer", current.get().resourceVersion());
	}

	private static String document(PolicyKey key, Random random, long seq) {
		StringBuilder pad = new StringBuilder();
		int size = random.nextInt(4096);
		while (pad.length() < size) {
			pad.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
		}
		pad.setLength(size);
		return "{\"policy\":\"" + key.name() + "\",\"seq\":" + seq + ",\"size\":" + size + ",\"pad\":\"" + pad + "\"}";
	}

	/**
	 * Return whether a document is one this program writes for the key, whole.
	 * @param key the key
	 * @param document the document
	 * @return whether the document is whole
	 */
	static boolean isWhole(PolicyKey key, String document) {
		Matcher matcher = DOCUMENT.matcher(document);
		return matcher.matches() && matcher.group(1).equals(key.name())
				&& Integer.parseInt(matcher.group(2)) == matcher.group(3).length();
	}

	static String digest(StoredPolicy revision) {
		if (revision.deleted()) {
			return DELETED;
		}
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(sha256.digest(revision.document().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<PolicyKey> keys() {
		List<PolicyKey> keys = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			String kind = (i % 3 == 0) ? "AccessPolicy" : "ServicePolicy";
			String namespace = (i % 2 == 0) ? "shop" : "ops";
			keys.add(new PolicyKey(kind, namespace, "policy-" + i));
		}
		return List.copyOf(keys);
	}

}
