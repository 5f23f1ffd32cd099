package dev.mesh.bench.results;

/**
 * One {@code nginx -s reload} that changes an upstream split, as the propagation suite
 * measures it for comparison. Times in milliseconds from issuing the command.
 *
 * @param rep the number of the reload, from 1
 * @param generation the generation of the new configuration
 * @param weightA the first backend's new weight
 * @param weightB the second backend's new weight
 * @param commandMillis until the {@code nginx -s reload} command exited
 * @param firstNewMillis until the first response of the new configuration
 * @param newConfigMillis until the first request from which on every request was served
 * by the new configuration
 * @param workersExitedMillis until every worker of the old configuration had exited
 * @param appliedMillis the later of the last two: the new split serves every new request
 * and nothing of the old configuration is left
 * @param oldWorkers how many old workers there were
 * @param requests requests of the probe sent after the reload was issued
 * @param failures of those, the ones that failed
 * @param newResponses responses of the new configuration
 * @param observedShareB percentage of those the second backend answered
 * @param nginxCpuMillis CPU of nginx (master, workers old and new, backends) over the
 * reload
 * @param otherSutCpu share of the system under test's CPUs that other processes used
 * @param otherLoadgenCpu share of the probe's CPUs that other processes used
 */
public record ReloadSample(int rep, int generation, int weightA, int weightB, double commandMillis,
		double firstNewMillis, double newConfigMillis, double workersExitedMillis, double appliedMillis, int oldWorkers,
		int requests, int failures, int newResponses, double observedShareB, double nginxCpuMillis, double otherSutCpu,
		double otherLoadgenCpu) {

}
