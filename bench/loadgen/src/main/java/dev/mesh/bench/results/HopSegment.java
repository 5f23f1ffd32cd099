package dev.mesh.bench.results;

import java.util.List;
import java.util.Map;

/**
 * One measured segment: one target (a path, or the no-op floor), one repetition, one rate
 * or the saturation run. Warm-up is never part of a segment.
 *
 * @param suite the suite that ran it
 * @param target the path id, e.g. {@code P0}, or {@code floor}
 * @param rep the repetition, from 1
 * @param mode {@code open} for a fixed-rate run, {@code closed} for a maximum-throughput
 * run
 * @param rate the scheduled rate of an open run, 0 for a closed one
 * @param startedAt start of the segment, milliseconds since the epoch
 * @param seconds length of the segment
 * @param requests requests completed
 * @param errors requests that failed (non-2xx, connection failures, timeouts)
 * @param timeouts requests still unanswered when the segment gave up waiting
 * @param retries requests sent again after the server closed an idle connection
 * @param maxBacklog largest number of due requests that waited for a free connection
 * @param throughput completed requests per second
 * @param latency latency from the intended start (open runs), encoded histogram in
 * microseconds, or {@code null}
 * @param serviceTime time from the actual send (open runs), encoded histogram in
 * microseconds, or {@code null}
 * @param processes CPU and memory of every program of the path
 * @param counters deltas of the path's counters over the segment, e.g.
 * {@code tls_handshakes}
 * @param loadgenCpuMillis CPU time of the load generator itself (not part of the path)
 * @param tool the tool that generated the load
 * @param otherSutCpu share of the system under test's CPUs used during the segment by
 * processes outside the path (other paths' idle programs, and any other work on the
 * machine)
 * @param otherLoadgenCpu share of the load generator's CPUs used during the segment by
 * other processes
 */
public record HopSegment(String suite, String target, int rep, String mode, double rate, long startedAt, double seconds,
		long requests, long errors, long timeouts, long retries, int maxBacklog, double throughput, String latency,
		String serviceTime, List<ProcessSample> processes, Map<String, Long> counters, double loadgenCpuMillis,
		String tool, double otherSutCpu, double otherLoadgenCpu) {

	/**
	 * Mode of a fixed-rate segment.
	 */
	public static final String OPEN = "open";

	/**
	 * Mode of a maximum-throughput segment.
	 */
	public static final String CLOSED = "closed";

	/**
	 * Return the CPU time of every program of the path together.
	 * @return the sum, in milliseconds
	 */
	public double pathCpuMillis() {
		return this.processes.stream().mapToDouble(ProcessSample::cpuMillis).sum();
	}

	/**
	 * Return the proportional set size of every program of the path together.
	 * @return the sum, in kilobytes
	 */
	public long pathPssKb() {
		return this.processes.stream().mapToLong(ProcessSample::pssKb).sum();
	}

}
