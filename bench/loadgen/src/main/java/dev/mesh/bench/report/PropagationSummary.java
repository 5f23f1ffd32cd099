package dev.mesh.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import org.HdrHistogram.Histogram;

import dev.mesh.bench.results.Histograms;
import dev.mesh.bench.results.PropagationBlock;
import dev.mesh.bench.results.PropagationWrite;
import dev.mesh.bench.results.ReloadSample;

/**
 * The propagation suite combined across repetitions: the latency histograms of every
 * block of one N are added together and read once; CPU per write is total CPU over total
 * writes; memory is the median of the blocks. The nginx reloads are read the same way.
 */
final class PropagationSummary {

	/**
	 * The targets: p99 of the time until all N subscribers acknowledged a write,
	 * in milliseconds, by N.
	 */
	static final Map<Integer, Double> TARGETS = Map.of(50, 250.0, 1000, 1000.0);

	private final Map<Integer, Histogram> ackHistograms = new LinkedHashMap<>();

	private final List<Row> rows = new ArrayList<>();

	private final Reloads reloads;

	PropagationSummary(List<PropagationBlock> blocks, List<ReloadSample> reloads) {
		Map<Integer, List<PropagationBlock>> byN = new TreeMap<>();
		blocks.forEach((block) -> byN.computeIfAbsent(block.subscribers(), (n) -> new ArrayList<>()).add(block));
		byN.forEach((n, group) -> this.rows.add(row(n, group)));
		this.reloads = reloads.isEmpty() ? null : reloads(reloads);
	}

	boolean isEmpty() {
		return this.rows.isEmpty() && this.reloads == null;
	}

	List<Row> rows() {
		return this.rows;
	}

	Histogram ackHistogram(int subscribers) {
		return this.ackHistograms.get(subscribers);
	}

	Reloads reloads() {
		return this.reloads;
	}

	private Row row(int n, List<PropagationBlock> blocks) {
		Histogram ack = Histograms
			.merge(blocks.stream().map((block) -> Histograms.decode(block.ackLatency())).toList());
		Histogram receive = Histograms
			.merge(blocks.stream().map((block) -> Histograms.decode(block.receiveLatency())).toList());
		Histogram all = Histograms.merge(blocks.stream().map((block) -> Histograms.decode(block.allAcked())).toList());
		this.ackHistograms.put(n, ack);
		List<PropagationWrite> writes = blocks.stream().flatMap((block) -> block.writes().stream()).toList();
		int incomplete = (int) writes.stream()
			.filter((write) -> write.acked() < n || write.wrong() > 0 || write.synced() < n)
			.count();
		List<Double> real = writes.stream().flatMap((write) -> write.realAppMillis().stream()).toList();
		Histogram realApps = Histograms.create();
		real.stream().filter((millis) -> millis >= 0).forEach((millis) -> realApps.recordValue(micros(millis)));
		double window = sum(writes, PropagationWrite::windowMillis);
		double target = TARGETS.getOrDefault(n, Double.NaN);
		double allP99 = millis(all, 99);
		String status = Double.isNaN(target) ? Goals.NOT_RUN
				: (incomplete == 0 && all.getTotalCount() > 0 && allP99 <= target) ? Goals.MET : Goals.MISSED;
		return new Row(n, blocks.stream().mapToInt(PropagationBlock::realApps).max().orElse(0), blocks.size(),
				writes.size(), incomplete, millis(ack, 50), millis(ack, 90), millis(ack, 99), millis(ack, 99.9),
				ack.getMaxValue() / 1000.0, millis(receive, 50), millis(receive, 99), millis(all, 50), allP99,
				all.getMaxValue() / 1000.0, target, status,
				Stats.median(writes.stream().map(PropagationWrite::writeMillis).toList()),
				writes.stream().filter((write) -> write.synced() == n).count(),
				perWrite(writes, PropagationWrite::controlCpuMillis), perWrite(writes, PropagationWrite::appsCpuMillis),
				perWrite(writes, PropagationWrite::driverCpuMillis),
				(window > 0) ? sum(writes, PropagationWrite::driverCpuMillis) / window : Double.NaN,
				median(blocks, PropagationBlock::controlHeapIdleKb), median(blocks, PropagationBlock::controlHeapKb),
				median(blocks, PropagationBlock::controlRssKb), median(blocks, PropagationBlock::controlPssKb),
				median(blocks, PropagationBlock::driverRssKb), median(blocks, PropagationBlock::openSeconds),
				(realApps.getTotalCount() > 0) ? millis(realApps, 50) : Double.NaN,
				(realApps.getTotalCount() > 0) ? realApps.getMaxValue() / 1000.0 : Double.NaN,
				real.stream().filter((millis) -> millis < 0).count(),
				blocks.stream()
					.mapToLong((block) -> block.ackFailures() + block.streamFailures() + block.unreadableSnapshots())
					.sum(),
				writes.stream().mapToLong(PropagationWrite::beforeResponse).sum(),
				weighted(writes, PropagationWrite::otherSutCpu), weighted(writes, PropagationWrite::otherLoadgenCpu),
				blocks.stream()
					.mapToDouble((block) -> weighted(block.writes(), PropagationWrite::otherSutCpu))
					.max()
					.orElse(0),
				blocks.stream()
					.mapToDouble((block) -> weighted(block.writes(), PropagationWrite::otherLoadgenCpu))
					.max()
					.orElse(0));
	}

	/**
	 * Return the share of a CPU other work used over several writes together: a single
	 * write lasts a few hundred milliseconds at most, too short for the kernel's 10 ms
	 * accounting ticks to say much on their own.
	 */
	private static double weighted(List<PropagationWrite> writes, ToDoubleFunction<PropagationWrite> share) {
		double window = sum(writes, PropagationWrite::windowMillis);
		double used = writes.stream().mapToDouble((write) -> share.applyAsDouble(write) * write.windowMillis()).sum();
		return (window > 0) ? Math.min(1, used / window) : 0;
	}

	private static Reloads reloads(List<ReloadSample> samples) {
		Histogram applied = histogram(samples, ReloadSample::appliedMillis);
		Histogram fresh = histogram(samples, ReloadSample::newConfigMillis);
		Histogram exited = histogram(samples, ReloadSample::workersExitedMillis);
		Histogram command = histogram(samples, ReloadSample::commandMillis);
		double worstSplit = samples.stream()
			.mapToDouble((sample) -> Math.abs(sample.observedShareB() - sample.weightB()))
			.max()
			.orElse(Double.NaN);
		return new Reloads(samples.size(), millis(applied, 50), millis(applied, 99), applied.getMaxValue() / 1000.0,
				millis(fresh, 50), millis(fresh, 99), fresh.getMaxValue() / 1000.0, millis(exited, 50),
				millis(exited, 99), exited.getMaxValue() / 1000.0, millis(command, 50), millis(command, 99),
				samples.stream().mapToLong(ReloadSample::requests).sum(),
				samples.stream().mapToLong(ReloadSample::failures).sum(), worstSplit,
				Stats.median(samples.stream().map(ReloadSample::nginxCpuMillis).toList()),
				Math.min(1, samples.stream().mapToDouble(ReloadSample::otherSutCpu).max().orElse(0)),
				Math.min(1, samples.stream().mapToDouble(ReloadSample::otherLoadgenCpu).max().orElse(0)));
	}

	private static Histogram histogram(List<ReloadSample> samples, ToDoubleFunction<ReloadSample> millis) {
		Histogram histogram = Histograms.create();
		samples.stream()
			.mapToDouble(millis)
			.filter((value) -> value >= 0)
			.forEach((value) -> histogram.recordValue(micros(value)));
		return histogram;
	}

	private static long micros(double millis) {
		return Math.min(Math.round(millis * 1000), Histograms.HIGHEST_MICROS);
	}

	private static double millis(Histogram histogram, double percentile) {
		return (histogram.getTotalCount() > 0) ? histogram.getValueAtPercentile(percentile) / 1000.0 : Double.NaN;
	}

	private static double sum(List<PropagationWrite> writes, ToDoubleFunction<PropagationWrite> value) {
		return writes.stream().mapToDouble(value).sum();
	}

	private static double perWrite(List<PropagationWrite> writes, ToDoubleFunction<PropagationWrite> value) {
		return writes.isEmpty() ? Double.NaN : sum(writes, value) / writes.size();
	}

	private static double median(List<PropagationBlock> blocks, ToDoubleFunction<PropagationBlock> value) {
		return Stats.median(blocks.stream().map(value::applyAsDouble).toList());
	}

	/**
	 * Every block of one N together. Latencies in milliseconds, memory in kilobytes.
	 *
	 * @param subscribers N
	 * @param realApps apps with the starter that watched too
	 * @param blocks blocks (repetitions)
	 * @param writes measured writes
	 * @param incompleteWrites writes that did not reach every subscriber correctly, or
	 * that {@code /v1/status} did not show as SYNCED for all
	 * @param ackP50 each subscriber's write-to-acknowledged time, p50
	 * @param ackP90 p90 of the same
	 * @param ackP99 p99 of the same
	 * @param ackP999 p99.9 of the same
	 * @param ackMax the longest
	 * @param receiveP50 each subscriber's write-to-received time, p50
	 * @param receiveP99 p99 of the same
	 * @param allP50 each write's time until all N acknowledged, p50
	 * @param allP99 p99 of the same (with a few dozen writes, their maximum)
	 * @param allMax the longest
	 * @param target the target for {@code allP99}
	 * @param status whether the target was met
	 * @param writeMillis median time of the write itself (to its 2xx)
	 * @param syncedWrites writes after which {@code /v1/status} showed all N SYNCED at
	 * the write's version
	 * @param controlCpuPerWrite control service CPU-ms per write
	 * @param appsCpuPerWrite CPU-ms per write of the apps with the starter
	 * @param driverCpuPerWrite driver CPU-ms per write
	 * @param driverBusy share of its CPU the driver used while writes propagated
	 * @param heapIdleKb control service heap after GC with no subscriber connected
	 * @param heapKb control service heap after GC with the N subscribers connected
	 * @param rssKb control service RSS
	 * @param pssKb control service PSS
	 * @param driverRssKb driver RSS
	 * @param openSeconds time to open N streams and acknowledge every first snapshot
	 * @param realAppP50 the apps' write-to-acknowledgement-received time, p50
	 * @param realAppMax the longest of the same
	 * @param realAppMissing answers of the apps that were not there in time
	 * @param failures failed acknowledgements, streams and unreadable snapshots
	 * @param beforeResponse receipts before the write's 2xx arrived
	 * @param otherSut share of the SUT CPU other processes used while the writes
	 * propagated, all writes together
	 * @param otherLoadgen share of the driver's CPU other processes used, all writes
	 * together
	 * @param otherSutWorst the same as {@code otherSut}, for the worst repetition
	 * @param otherLoadgenWorst the same as {@code otherLoadgen}, for the worst repetition
	 */
	record Row(int subscribers, int realApps, int blocks, int writes, int incompleteWrites, double ackP50,
			double ackP90, double ackP99, double ackP999, double ackMax, double receiveP50, double receiveP99,
			double allP50, double allP99, double allMax, double target, String status, double writeMillis,
			long syncedWrites, double controlCpuPerWrite, double appsCpuPerWrite, double driverCpuPerWrite,
			double driverBusy, double heapIdleKb, double heapKb, double rssKb, double pssKb, double driverRssKb,
			double openSeconds, double realAppP50, double realAppMax, long realAppMissing, long failures,
			long beforeResponse, double otherSut, double otherLoadgen, double otherSutWorst, double otherLoadgenWorst) {

	}

	/**
	 * Every nginx reload together, in milliseconds from issuing {@code nginx -s reload}.
	 *
	 * @param count reloads
	 * @param appliedP50 until every new request is served by the new split and the old
	 * workers are gone, p50
	 * @param appliedP99 p99 of the same
	 * @param appliedMax the longest
	 * @param newConfigP50 until every new request is served by the new split, p50
	 * @param newConfigP99 p99 of the same
	 * @param newConfigMax the longest
	 * @param workersP50 until the old workers exited, p50
	 * @param workersP99 p99 of the same
	 * @param workersMax the longest
	 * @param commandP50 until the command itself returned, p50
	 * @param commandP99 p99 of the same
	 * @param requests probe requests sent after the reloads were issued
	 * @param failures of those, the ones that failed
	 * @param worstSplitError largest distance, in percentage points, between the second
	 * backend's configured and observed share
	 * @param nginxCpuMillis median CPU of nginx over one reload
	 * @param otherSutWorst share of the SUT CPU other processes used, worst reload
	 * @param otherLoadgenWorst share of the probe's CPU other processes used, worst
	 * reload
	 */
	record Reloads(int count, double appliedP50, double appliedP99, double appliedMax, double newConfigP50,
			double newConfigP99, double newConfigMax, double workersP50, double workersP99, double workersMax,
			double commandP50, double commandP99, long requests, long failures, double worstSplitError,
			double nginxCpuMillis, double otherSutWorst, double otherLoadgenWorst) {

	}

}
