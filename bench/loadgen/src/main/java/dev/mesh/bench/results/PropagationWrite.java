package dev.mesh.bench.results;

import java.util.List;

/**
 * One measured policy write of the propagation suite: from its 2xx to every subscriber's
 * acknowledgement. Times in milliseconds; "from the 2xx" means from the moment the
 * write's 2xx arrived at the driver.
 *
 * @param version the resourceVersion the write got
 * @param weight the first subset's weight it set
 * @param writeMillis from sending the write to its 2xx (validation and the fsync'd store)
 * @param firstReceivedMillis from the 2xx to the first subscriber receiving the snapshot
 * @param lastReceivedMillis from the 2xx to the last subscriber receiving it
 * @param allAckedMillis from the 2xx to the last acknowledgement answered, -1 when not
 * all were
 * @param acked how many subscribers acknowledged it
 * @param wrong subscribers that received another version or a snapshot without the change
 * @param synced subscribers {@code /v1/status} showed SYNCED at exactly the write's
 * version afterwards
 * @param realAppMillis for each real app (the starter), from the 2xx to the control
 * service receiving its acknowledgement (its {@code lastAck}), -1 when it did not
 * @param controlCpuMillis CPU of the control service from just before the write to the
 * last acknowledgement
 * @param appsCpuMillis CPU of the real apps over the same window
 * @param driverCpuMillis CPU of the driver (every subscriber) over the same window
 * @param windowMillis length of that window
 * @param otherSutCpu share of the system under test's CPUs that other processes used in
 * the window
 * @param otherLoadgenCpu share of the driver's CPUs that other processes used
 */
public record PropagationWrite(long version, int weight, double writeMillis, double firstReceivedMillis,
		double lastReceivedMillis, double allAckedMillis, int acked, int wrong, int beforeResponse, int synced,
		List<Double> realAppMillis, double controlCpuMillis, double appsCpuMillis, double driverCpuMillis,
		double windowMillis, double otherSutCpu, double otherLoadgenCpu) {

}
