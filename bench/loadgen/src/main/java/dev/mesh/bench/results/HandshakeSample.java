package dev.mesh.bench.results;

import java.util.List;

/**
 * One segment of the handshake suite: clients on the load generator's CPU making full
 * mTLS handshakes (each followed by one request) with one server for a fixed time.
 *
 * @param target the server, e.g. {@code nginx}, {@code tomcat}, {@code jdk}
 * @param protocol {@code TLSv1.3} or {@code TLSv1.2}
 * @param rep the repetition, from 1
 * @param startedAt start of the segment, milliseconds since the epoch
 * @param seconds length of the segment, from the first client's start to the last one's
 * end
 * @param clients clients that ran at once
 * @param handshakes full handshakes the clients completed (each answered by the server)
 * @param bytesPerHandshake smallest response size one client read per connection
 * @param processes CPU and memory of the server's processes over the segment
 * @param clientCpuMillis CPU time of the clients and the program that ran them
 * @param serverHandshakes handshakes the server itself counted, {@code null} when it was
 * not asked
 * @param otherSutCpu share of the server's CPUs used by other processes
 * @param otherLoadgenCpu share of the clients' CPUs used by other processes
 */
public record HandshakeSample(String target, String protocol, int rep, long startedAt, double seconds, int clients,
		long handshakes, long bytesPerHandshake, List<ProcessSample> processes, double clientCpuMillis,
		Long serverHandshakes, double otherSutCpu, double otherLoadgenCpu) {

	/**
	 * Return the CPU time of the server's processes together.
	 * @return the sum, in milliseconds
	 */
	public double serverCpuMillis() {
		return this.processes.stream().mapToDouble(ProcessSample::cpuMillis).sum();
	}

	/**
	 * Return the full handshakes per CPU-second of the server: the rate one core
	 * sustains.
	 * @return handshakes per second of server CPU time, {@code NaN} without CPU time
	 */
	public double perCpuSecondOf() {
		double cpu = serverCpuMillis();
		return (cpu > 0) ? this.handshakes * 1000 / cpu : Double.NaN;
	}

}
