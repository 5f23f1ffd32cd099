package dev.mesh.mtls;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the mesh's TLS handshakes by side, result and reason, as the meter
 * {@value #METER} and for {@code /actuator/mesh}. A handshake is counted once per
 * connection, when it completes or fails; a resumed or pooled connection is not a new
 * one.
 */
public class TlsHandshakes {

	/**
	 * Name of the meter.
	 */
	public static final String METER = "mesh.tls.handshakes";

	private static final Pattern ALERT = Pattern.compile("Received fatal alert: ([a-z_]+)");

	private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();

	private volatile MeterRegistry registry;

	void succeeded(Side side) {
		count(new Key(side, "ok", "none"));
	}

	void failed(Side side, Throwable cause) {
		count(new Key(side, "failed", reason(side, cause)));
	}

	/**
	 * Return the handshakes counted so far.
	 * @param side the side
	 * @param result {@code ok} or {@code failed}
	 * @return how many
	 */
	public long count(Side side, String result) {
		long total = 0;
		for (Map.Entry<Key, LongAdder> entry : this.counts.entrySet()) {
			if (entry.getKey().side() == side && entry.getKey().result().equals(result)) {
				total += entry.getValue().sum();
			}
		}
		return total;
	}

	/**
	 * Return the failed handshakes of a side by reason.
	 * @param side the side
	 * @return counts by reason, sorted
	 */
	public Map<String, Long> failures(Side side) {
		Map<String, Long> failures = new TreeMap<>();
		this.counts.forEach((key, count) -> {
			if (key.side() == side && key.result().equals("failed")) {
				failures.merge(key.reason(), count.sum(), Long::sum);
			}
		});
		return failures;
	}

	synchronized void bindTo(MeterRegistry registry) {
		this.registry = registry;
		this.counts.forEach((key, count) -> register(registry, key, count));
	}

	private void count(Key key) {
		LongAdder count = this.counts.get(key);
		if (count == null) {
			count = register(key);
		}
		count.increment();
	}

	private synchronized LongAdder register(Key key) {
		LongAdder count = this.counts.get(key);
		if (count == null) {
			count = new LongAdder();
			this.counts.put(key, count);
			MeterRegistry meters = this.registry;
			if (meters != null) {
				register(meters, key, count);
			}
		}
		return count;
	}

	private static void register(MeterRegistry registry, Key key, LongAdder count) {
		FunctionCounter.builder(METER, count, LongAdder::doubleValue)
			.description("TLS handshakes of mesh connections")
			.tag("side", key.side().tag())
			.tag("result", key.result())
			.tag("reason", key.reason())
			.register(registry);
	}

	/**
	 * Return why a handshake failed, as a short tag value.
	 * @param side the side that saw the failure
	 * @param cause what was thrown
	 * @return the reason
	 */
	static String reason(Side side, Throwable cause) {
		for (Throwable current = cause; current != null; current = current.getCause()) {
			if (current instanceof MeshCertificateException refused) {
				return refused.reason();
			}
		}
		String message = String.valueOf(cause.getMessage());
		if (side == Side.SERVER && message.contains("Empty client certificate chain")) {
			return "no-client-certificate";
		}
		Matcher alert = ALERT.matcher(message);
		if (alert.find()) {
			return "peer-" + alert.group(1).replace('_', '-');
		}
		return "other";
	}

	/**
	 * The side of a connection.
	 */
	public enum Side {

		/**
		 * This workload called another.
		 */
		CLIENT,

		/**
		 * Another workload called this one.
		 */
		SERVER;

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	private record Key(Side side, String result, String reason) {

	}

}
