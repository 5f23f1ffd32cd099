package dev.mesh.bench.results;

import java.util.List;

/**
 * One failover repetition: a fixed-rate segment during which one backend instance was
 * killed with {@code SIGKILL}.
 *
 * @param suite the suite that ran it
 * @param rep the repetition, from 1
 * @param rate the scheduled rate, requests per second
 * @param startedAt start of the segment, milliseconds since the epoch
 * @param seconds length of the segment
 * @param scheduled requests the schedule held
 * @param requests requests that got a complete response (any status)
 * @param errors requests that did not succeed (non-2xx, connection failures, timeouts)
 * @param timeouts requests still unanswered when the segment gave up waiting
 * @param throughput completed requests per second
 * @param killAfterSeconds when the instance was killed, seconds after the segment's first
 * intended request
 * @param killedPid the process killed
 * @param killed whether the process was killed and gone before the segment ended
 * @param failed every request that did not succeed (timeouts excepted), times relative to
 * the kill
 * @param latency latency from the intended start of every completed request, encoded
 * histogram in microseconds
 * @param processes CPU and memory of the programs that survived (caller, the other
 * backend, control service)
 * @param otherSutCpu share of the system under test's CPUs used by processes outside
 * those programs
 * @param otherLoadgenCpu share of the load generator's CPUs used by other processes
 */
public record FailoverSegment(String suite, int rep, double rate, long startedAt, double seconds, long scheduled,
		long requests, long errors, long timeouts, double throughput, double killAfterSeconds, long killedPid,
		boolean killed, List<FailedRequest> failed, String latency, List<ProcessSample> processes, double otherSutCpu,
		double otherLoadgenCpu) {

}
