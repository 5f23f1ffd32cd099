package dev.mesh.bench.results;

import java.util.List;

/**
 * CPU and memory of one program of a path during a segment (for nginx and haproxy: the
 * master and its workers together).
 *
 * @param name the program's role in the path, e.g. {@code caller} or {@code sidecar-in-1}
 * @param pids its process ids
 * @param cpuMillis user plus system CPU time over the segment
 * @param rssKb resident set size at the end of the segment
 * @param pssKb proportional set size at the end of the segment (shared pages divided
 * among the processes sharing them)
 */
public record ProcessSample(String name, List<Long> pids, double cpuMillis, long rssKb, long pssKb) {

}
