package dev.mesh.bench.results;

import java.util.List;

/**
 * One block of the propagation suite: N subscribers opened on the control service, some
 * excluded warm-up writes, then the measured writes, each waited for until every
 * subscriber acknowledged it.
 *
 * @param subscribers N, the lightweight subscribers
 * @param services over how many services they were spread
 * @param realApps how many apps with the starter watched too
 * @param rep the repetition, from 1
 * @param startedAt start of the block, milliseconds since the epoch
 * @param openSeconds time to open the N streams and have every first snapshot
 * acknowledged
 * @param warmupWrites writes before the measured ones, excluded
 * @param writes the measured writes
 * @param ackLatency every subscriber's 2xx-to-acknowledged time of every measured write,
 * encoded histogram in microseconds
 * @param receiveLatency every subscriber's 2xx-to-received time, encoded histogram in
 * microseconds
 * @param allAcked each write's 2xx-to-all-acknowledged time, encoded histogram in
 * microseconds
 * @param ackFailures acknowledgements that failed or were refused
 * @param streamFailures watch streams that were refused or ended during the block
 * @param unreadableSnapshots snapshots that did not parse
 * @param controlHeapIdleKb heap of the control service after a full GC before the streams
 * were opened
 * @param controlHeapKb heap after a full GC with the N streams open, after the writes
 * @param controlMetaspaceKb metaspace at that time
 * @param controlRssKb resident set size of the control service at that time
 * @param controlPssKb proportional set size of the control service at that time
 * @param driverRssKb resident set size of the driver at the end
 */
public record PropagationBlock(int subscribers, int services, int realApps, int rep, long startedAt, double openSeconds,
		int warmupWrites, List<PropagationWrite> writes, String ackLatency, String receiveLatency, String allAcked,
		long ackFailures, long streamFailures, long unreadableSnapshots, long controlHeapIdleKb, long controlHeapKb,
		long controlMetaspaceKb, long controlRssKb, long controlPssKb, long driverRssKb) {

}
