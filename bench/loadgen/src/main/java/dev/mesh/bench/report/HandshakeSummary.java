package dev.mesh.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import dev.mesh.bench.results.HandshakeSample;

/**
 * The handshake suite: full mTLS handshakes per server CPU-second (the rate one core
 * sustains) for each server and protocol, from the handshakes the clients completed and
 * the CPU time of the server's processes, all repetitions together (total handshakes over
 * total CPU time); and each server's rate over nginx's, with the same ratio per
 * repetition (the servers of a repetition ran back to back).
 */
final class HandshakeSummary {

	/**
	 * The server every other is compared with.
	 */
	static final String BASELINE = "nginx";

	private final List<Row> rows = new ArrayList<>();

	private final List<Ratio> ratios = new ArrayList<>();

	/**
	 * Summarize the samples.
	 * @param samples the measured segments
	 * @param order the servers in the order to list them (others follow)
	 */
	HandshakeSummary(List<HandshakeSample> samples, List<String> order) {
		Map<String, List<HandshakeSample>> groups = samples.stream()
			.collect(Collectors.groupingBy((sample) -> sample.target() + "@" + sample.protocol(), LinkedHashMap::new,
					Collectors.toList()));
		groups.values().forEach((group) -> this.rows.add(row(group)));
		Comparator<Row> byProtocol = Comparator.comparing(Row::protocol, Comparator.reverseOrder());
		this.rows.sort(byProtocol.thenComparingInt((row) -> {
			int index = order.indexOf(row.target());
			return (index >= 0) ? index : order.size();
		}));
		for (Row row : this.rows) {
			Row base = row(BASELINE, row.protocol());
			if (base != null && row != base && base.perCpuSecond() > 0) {
				List<Double> each = new ArrayList<>();
				for (HandshakeSample sample : groups.get(row.target() + "@" + row.protocol())) {
					groups.get(BASELINE + "@" + row.protocol())
						.stream()
						.filter((other) -> other.rep() == sample.rep())
						.findFirst()
						.filter((other) -> other.perCpuSecondOf() > 0)
						.ifPresent((other) -> each.add(sample.perCpuSecondOf() / other.perCpuSecondOf()));
				}
				this.ratios.add(new Ratio(row.target(), row.protocol(), row.perCpuSecond() / base.perCpuSecond(),
						Stats.min(each), Stats.max(each)));
			}
		}
	}

	boolean isEmpty() {
		return this.rows.isEmpty();
	}

	List<Row> rows() {
		return this.rows;
	}

	List<Ratio> ratios() {
		return this.ratios;
	}

	Row row(String target, String protocol) {
		return this.rows.stream()
			.filter((row) -> row.target().equals(target) && row.protocol().equals(protocol))
			.findFirst()
			.orElse(null);
	}

	private static Row row(List<HandshakeSample> group) {
		HandshakeSample first = group.get(0);
		long handshakes = group.stream().mapToLong(HandshakeSample::handshakes).sum();
		double cpu = group.stream().mapToDouble(HandshakeSample::serverCpuMillis).sum();
		List<Double> each = group.stream().map(HandshakeSample::perCpuSecondOf).toList();
		Long counted = group.stream().allMatch((sample) -> sample.serverHandshakes() != null) ? group.stream()
			.map(HandshakeSample::serverHandshakes)
			.filter(Objects::nonNull)
			.mapToLong(Long::longValue)
			.sum() : null;
		return new Row(first.target(), first.protocol(), group.size(), first.clients(), handshakes,
				(cpu > 0) ? handshakes * 1000 / cpu : Double.NaN, Stats.min(each), Stats.max(each),
				(handshakes > 0) ? cpu * 1000 / handshakes : Double.NaN,
				Stats.median(group.stream().map((sample) -> sample.handshakes() / sample.seconds()).toList()),
				(handshakes > 0)
						? group.stream().mapToDouble(HandshakeSample::clientCpuMillis).sum() * 1000 / handshakes
						: Double.NaN,
				group.stream().mapToLong(HandshakeSample::bytesPerHandshake).min().orElse(0), counted,
				Stats.max(group.stream().map(HandshakeSample::otherSutCpu).toList()),
				Stats.max(group.stream().map(HandshakeSample::otherLoadgenCpu).toList()));
	}

	/**
	 * One server and protocol, all repetitions together.
	 *
	 * @param target the server
	 * @param protocol the protocol
	 * @param reps the repetitions
	 * @param clients clients at once
	 * @param handshakes full handshakes completed
	 * @param perCpuSecond handshakes per CPU-second of the server's processes
	 * @param low smallest value of one repetition
	 * @param high largest value of one repetition
	 * @param serverCpuMicros the server's CPU microseconds per handshake
	 * @param wallRate handshakes per second achieved (median of the repetitions)
	 * @param clientCpuMicros the clients' CPU microseconds per handshake
	 * @param bytes smallest response read per connection
	 * @param serverCounted handshakes the server counted itself, {@code null} when not
	 * asked
	 * @param otherSutCpu largest share of the server's CPU other processes used in one
	 * repetition
	 * @param otherLoadgenCpu the same on the clients' CPU
	 */
	record Row(String target, String protocol, int reps, int clients, long handshakes, double perCpuSecond, double low,
			double high, double serverCpuMicros, double wallRate, double clientCpuMicros, long bytes,
			Long serverCounted, double otherSutCpu, double otherLoadgenCpu) {

	}

	/**
	 * A server's handshakes per CPU-second over nginx's, for one protocol.
	 *
	 * @param target the server
	 * @param protocol the protocol
	 * @param value the ratio of the totals
	 * @param low smallest ratio of one repetition
	 * @param high largest ratio of one repetition
	 */
	record Ratio(String target, String protocol, double value, double low, double high) {

	}

}
