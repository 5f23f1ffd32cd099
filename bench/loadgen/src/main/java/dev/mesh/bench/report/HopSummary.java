package dev.mesh.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.HdrHistogram.Histogram;

import dev.mesh.bench.results.Histograms;
import dev.mesh.bench.results.HopSegment;
import dev.mesh.bench.results.ProcessSample;

/**
 * The hop suite's segments combined across repetitions: latency histograms are added
 * together and read once; CPU per request is total CPU over total requests; memory is the
 * median of the repetitions.
 */
final class HopSummary {

	/**
	 * Counter of new TLS connections accepted by the path's TLS servers.
	 */
	static final String HANDSHAKES = "tls_handshakes";

	/**
	 * Counter of those that were full handshakes (not session resumptions).
	 */
	static final String FULL_HANDSHAKES = "tls_full_handshakes";

	private final Map<String, Histogram> histograms = new LinkedHashMap<>();

	private final List<OpenRow> open = new ArrayList<>();

	private final List<ClosedRow> closed = new ArrayList<>();

	private final List<Double> rates;

	HopSummary(List<HopSegment> segments) {
		Map<String, List<HopSegment>> openGroups = segments.stream()
			.filter((segment) -> HopSegment.OPEN.equals(segment.mode()))
			.collect(Collectors.groupingBy((segment) -> key(segment.target(), segment.rate()), LinkedHashMap::new,
					Collectors.toList()));
		openGroups.forEach((key, group) -> this.open.add(openRow(key, group)));
		Map<String, List<HopSegment>> closedGroups = segments.stream()
			.filter((segment) -> HopSegment.CLOSED.equals(segment.mode()))
			.collect(Collectors.groupingBy(HopSegment::target, LinkedHashMap::new, Collectors.toList()));
		closedGroups.forEach((target, group) -> this.closed.add(closedRow(target, group)));
		this.rates = new ArrayList<>(new TreeSet<>(this.open.stream().map(OpenRow::rate).toList()));
	}

	List<OpenRow> open() {
		return this.open;
	}

	List<ClosedRow> closed() {
		return this.closed;
	}

	List<Double> rates() {
		return this.rates;
	}

	OpenRow open(String target, double rate) {
		return this.open.stream()
			.filter((row) -> row.target().equals(target) && row.rate() == rate)
			.findFirst()
			.orElse(null);
	}

	ClosedRow closed(String target) {
		return this.closed.stream().filter((row) -> row.target().equals(target)).findFirst().orElse(null);
	}

	Histogram histogram(String target, double rate) {
		return this.histograms.get(key(target, rate));
	}

	private OpenRow openRow(String key, List<HopSegment> group) {
		Histogram merged = Histograms
			.merge(group.stream().map((segment) -> Histograms.decode(segment.latency())).toList());
		this.histograms.put(key, merged);
		List<Double> p99s = group.stream()
			.map((segment) -> Histograms.decode(segment.latency()).getValueAtPercentile(99) / 1000.0)
			.toList();
		long requests = group.stream().mapToLong(HopSegment::requests).sum();
		double seconds = group.stream().mapToDouble(HopSegment::seconds).sum();
		HopSegment first = group.get(0);
		return new OpenRow(first.target(), first.rate(), group.size(), requests,
				group.stream().mapToLong(HopSegment::errors).sum(), group.stream().mapToLong(HopSegment::retries).sum(),
				(seconds > 0) ? requests / seconds : 0, millis(merged, 50), millis(merged, 90), millis(merged, 99),
				millis(merged, 99.9), merged.getMaxValue() / 1000.0, Stats.min(p99s), Stats.max(p99s),
				cpuPerThousand(group), Stats.min(cpuPerThousandEach(group)), Stats.max(cpuPerThousandEach(group)),
				Stats.median(group.stream().map(HopSegment::pathPssKb).toList()), processes(group),
				perTenThousand(group, HANDSHAKES), perTenThousand(group, FULL_HANDSHAKES),
				perThousand(group.stream().mapToDouble(HopSegment::loadgenCpuMillis).sum(), requests),
				Stats.max(group.stream().map(HopSegment::otherSutCpu).toList()),
				Stats.max(group.stream().map(HopSegment::otherLoadgenCpu).toList()));
	}

	private static ClosedRow closedRow(String target, List<HopSegment> group) {
		List<Double> throughput = group.stream().map(HopSegment::throughput).toList();
		return new ClosedRow(target, group.size(), Stats.median(throughput), Stats.min(throughput),
				Stats.max(throughput), cpuPerThousand(group), group.stream().mapToLong(HopSegment::errors).sum(),
				Stats.median(group.stream().map(HopSegment::pathPssKb).toList()),
				Stats.max(group.stream().map(HopSegment::otherSutCpu).toList()),
				Stats.max(group.stream().map(HopSegment::otherLoadgenCpu).toList()));
	}

	private static double millis(Histogram histogram, double percentile) {
		return histogram.getValueAtPercentile(percentile) / 1000.0;
	}

	private static double cpuPerThousand(List<HopSegment> group) {
		return perThousand(group.stream().mapToDouble(HopSegment::pathCpuMillis).sum(),
				group.stream().mapToLong(HopSegment::requests).sum());
	}

	private static List<Double> cpuPerThousandEach(List<HopSegment> group) {
		return group.stream().map((segment) -> perThousand(segment.pathCpuMillis(), segment.requests())).toList();
	}

	private static double perThousand(double cpuMillis, long requests) {
		return (requests > 0) ? cpuMillis * 1000 / requests : Double.NaN;
	}

	private static Double perTenThousand(List<HopSegment> group, String counter) {
		if (group.stream()
			.noneMatch((segment) -> segment.counters() != null && segment.counters().containsKey(counter))) {
			return null;
		}
		long count = group.stream()
			.mapToLong((segment) -> (segment.counters() != null) ? segment.counters().getOrDefault(counter, 0L) : 0L)
			.sum();
		long requests = group.stream().mapToLong(HopSegment::requests).sum();
		return (requests > 0) ? count * 10_000.0 / requests : null;
	}

	private static List<ProcessMemory> processes(List<HopSegment> group) {
		Map<String, List<ProcessSample>> byName = new LinkedHashMap<>();
		group.forEach((segment) -> segment.processes()
			.forEach((sample) -> byName.computeIfAbsent(sample.name(), (name) -> new ArrayList<>()).add(sample)));
		List<ProcessMemory> processes = new ArrayList<>();
		byName.forEach((name, samples) -> processes
			.add(new ProcessMemory(name, Stats.median(samples.stream().map(ProcessSample::rssKb).toList()),
					Stats.median(samples.stream().map(ProcessSample::pssKb).toList()),
					perThousand(samples.stream().mapToDouble(ProcessSample::cpuMillis).sum(),
							group.stream().mapToLong(HopSegment::requests).sum()))));
		return processes;
	}

	private static String key(String target, double rate) {
		return target + "@" + rate;
	}

	/**
	 * A target at one fixed rate, all repetitions together. Latencies in milliseconds.
	 *
	 * @param target the path id
	 * @param rate the scheduled rate
	 * @param reps the number of repetitions
	 * @param requests completed requests
	 * @param errors failed requests
	 * @param retries requests resent after an idle connection was closed
	 * @param achievedRate completed requests per second
	 * @param p50 median latency
	 * @param p90 90th percentile
	 * @param p99 99th percentile
	 * @param p999 99.9th percentile
	 * @param max largest latency
	 * @param p99Low smallest 99th percentile of one repetition
	 * @param p99High largest 99th percentile of one repetition
	 * @param cpuPerThousand CPU milliseconds of the whole path per 1,000 requests
	 * @param cpuLow smallest value of one repetition
	 * @param cpuHigh largest value of one repetition
	 * @param pssKb median PSS of the whole path
	 * @param processes each program of the path
	 * @param handshakesPer10k new TLS connections per 10,000 requests, or {@code null}
	 * @param fullHandshakesPer10k full TLS handshakes per 10,000 requests, or
	 * {@code null}
	 * @param loadgenCpuPerThousand CPU of the load generator per 1,000 requests
	 * @param otherSutCpu largest share of the system under test's CPUs that processes
	 * outside the path used in one repetition
	 * @param otherLoadgenCpu largest share of the load generator's CPUs that other
	 * processes used in one repetition
	 */
	record OpenRow(String target, double rate, int reps, long requests, long errors, long retries, double achievedRate,
			double p50, double p90, double p99, double p999, double max, double p99Low, double p99High,
			double cpuPerThousand, double cpuLow, double cpuHigh, double pssKb, List<ProcessMemory> processes,
			Double handshakesPer10k, Double fullHandshakesPer10k, double loadgenCpuPerThousand, double otherSutCpu,
			double otherLoadgenCpu) {

	}

	/**
	 * One program of a path.
	 *
	 * @param name its role
	 * @param rssKb median resident set size
	 * @param pssKb median proportional set size
	 * @param cpuPerThousand its CPU milliseconds per 1,000 requests
	 */
	record ProcessMemory(String name, double rssKb, double pssKb, double cpuPerThousand) {

	}

	/**
	 * A target's maximum throughput (closed loop), all repetitions together.
	 *
	 * @param target the path id
	 * @param reps the number of repetitions
	 * @param median median requests per second
	 * @param low lowest of one repetition
	 * @param high highest of one repetition
	 * @param cpuPerThousand CPU milliseconds of the whole path per 1,000 requests
	 * @param errors failed requests
	 * @param pssKb median PSS of the whole path
	 * @param otherSutCpu largest share of the system under test's CPUs that processes
	 * outside the path used in one repetition
	 * @param otherLoadgenCpu largest share of the load generator's CPUs that other
	 * processes used in one repetition
	 */
	record ClosedRow(String target, int reps, double median, double low, double high, double cpuPerThousand,
			long errors, double pssKb, double otherSutCpu, double otherLoadgenCpu) {

	}

}
