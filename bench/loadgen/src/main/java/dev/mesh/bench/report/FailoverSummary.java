package dev.mesh.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;

import dev.mesh.bench.results.FailedRequest;
import dev.mesh.bench.results.FailoverSegment;
import dev.mesh.bench.results.Histograms;
import dev.mesh.bench.results.ProcessSample;

/**
 * The failover suite: one of two backend instances killed with {@code SIGKILL} under a
 * fixed rate. Per repetition, how many requests failed and until when after the kill; in
 * all, the failures by kind. A report without a target: retries (issue 6) are meant to
 * bring the failures to zero.
 */
final class FailoverSummary {

	private final List<Row> rows = new ArrayList<>();

	private final Map<String, Long> kinds;

	private final Histogram latency;

	FailoverSummary(List<FailoverSegment> segments) {
		Map<String, Long> kinds = new TreeMap<>();
		List<Histogram> histograms = new ArrayList<>();
		segments.stream().sorted(Comparator.comparingInt(FailoverSegment::rep)).forEach((segment) -> {
			Histogram histogram = Histograms.decode(segment.latency());
			histograms.add(histogram);
			List<FailedRequest> failed = (segment.failed() != null) ? segment.failed() : List.of();
			failed.forEach((request) -> kinds.merge(request.kind(), 1L, Long::sum));
			if (segment.timeouts() > 0) {
				kinds.merge("no response before the segment gave up", segment.timeouts(), Long::sum);
			}
			List<FailedRequest> after = failed.stream().filter((request) -> request.seenMillis() >= 0).toList();
			this.rows.add(new Row(segment.rep(), segment.rate(), segment.throughput(), segment.scheduled(),
					segment.errors(), segment.timeouts(), failed.size() - after.size(), segment.killed(),
					after.stream().mapToDouble(FailedRequest::seenMillis).min().orElse(Double.NaN),
					after.stream().mapToDouble(FailedRequest::seenMillis).max().orElse(Double.NaN),
					failed.stream().mapToDouble(FailedRequest::intendedMillis).min().orElse(Double.NaN),
					millis(histogram, 99), millis(histogram, 99.9), histogram.getMaxValue() / 1000.0,
					(segment.seconds() > 0) ? cpuMillis(segment) / (segment.seconds() * 1000) : Double.NaN,
					segment.otherSutCpu(), segment.otherLoadgenCpu()));
		});
		this.kinds = sortedByCount(kinds);
		this.latency = Histograms.merge(histograms);
	}

	boolean isEmpty() {
		return this.rows.isEmpty();
	}

	List<Row> rows() {
		return this.rows;
	}

	/**
	 * Return every failure of every repetition by kind, the most frequent first.
	 * @return the count of each kind
	 */
	Map<String, Long> kinds() {
		return this.kinds;
	}

	Histogram latency() {
		return this.latency;
	}

	long failed() {
		return this.rows.stream().mapToLong(Row::failed).sum();
	}

	long scheduled() {
		return this.rows.stream().mapToLong(Row::scheduled).sum();
	}

	/**
	 * Return the median over the repetitions of the time from the kill to the last
	 * failure (repetitions without any failure count as 0).
	 * @return milliseconds
	 */
	double medianErrorsStop() {
		return Stats.median(this.rows.stream().map(Row::errorsStopMillis).toList());
	}

	double maxErrorsStop() {
		return Stats.max(this.rows.stream().map(Row::errorsStopMillis).toList());
	}

	boolean allKilled() {
		return this.rows.stream().allMatch(Row::killed);
	}

	private static double cpuMillis(FailoverSegment segment) {
		return (segment.processes() != null) ? segment.processes().stream().mapToDouble(ProcessSample::cpuMillis).sum()
				: 0;
	}

	private static double millis(Histogram histogram, double percentile) {
		return (histogram.getTotalCount() > 0) ? histogram.getValueAtPercentile(percentile) / 1000.0 : Double.NaN;
	}

	private static Map<String, Long> sortedByCount(Map<String, Long> kinds) {
		Map<String, Long> sorted = new LinkedHashMap<>();
		kinds.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.forEach((kind) -> sorted.put(kind.getKey(), kind.getValue()));
		return sorted;
	}

	/**
	 * One repetition.
	 *
	 * @param rep the repetition
	 * @param rate the scheduled rate
	 * @param achievedRate completed requests per second
	 * @param scheduled requests the schedule held
	 * @param failed requests that did not succeed
	 * @param timeouts of those, requests never answered
	 * @param failedBeforeKill of those, requests that failed before the kill
	 * @param killed whether the instance was killed and gone
	 * @param firstErrorMillis first failure after the kill, milliseconds after it
	 * ({@code NaN} without any)
	 * @param lastErrorMillis last failure, milliseconds after the kill ({@code NaN}
	 * without any)
	 * @param earliestIntendedMillis intended start of the earliest failed request,
	 * milliseconds after the kill (negative: scheduled before it and still waiting when
	 * the instance died; {@code NaN} without any)
	 * @param p99 99th percentile latency of the segment, ms
	 * @param p999 99.9th percentile, ms
	 * @param max largest latency, ms
	 * @param cpuShare CPU the surviving programs (caller, other backend, control service)
	 * used over the segment, as a share of one CPU
	 * @param otherSutCpu share of the SUT CPU other processes used
	 * @param otherLoadgenCpu share of the load generator's CPU other processes used
	 */
	record Row(int rep, double rate, double achievedRate, long scheduled, long failed, long timeouts,
			long failedBeforeKill, boolean killed, double firstErrorMillis, double lastErrorMillis,
			double earliestIntendedMillis, double p99, double p999, double max, double cpuShare, double otherSutCpu,
			double otherLoadgenCpu) {

		/**
		 * Return how long after the kill requests kept failing.
		 * @return milliseconds from the kill to the last failure, 0 without any
		 */
		double errorsStopMillis() {
			return Double.isNaN(this.lastErrorMillis) ? 0 : this.lastErrorMillis;
		}

	}

}
