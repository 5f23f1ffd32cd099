package dev.mesh.bench.results;

import java.util.List;

/**
 * How a path was warmed up before its first measured segment: windows at a fixed rate
 * until the path's CPU per request stopped changing (the JIT has settled), within bounds.
 *
 * @param target the path id
 * @param rate the warm-up rate
 * @param seconds how long the fixed-rate warm-up ran
 * @param converged whether CPU per request was steady before the time limit
 * @param cpuPerThousand CPU milliseconds of the path per 1,000 requests in each window
 */
public record WarmupResult(String target, double rate, double seconds, boolean converged, List<Double> cpuPerThousand) {

}
