package dev.mesh.bench.results;

/**
 * A request that did not succeed during a failover segment.
 *
 * @param intendedMillis its intended start, milliseconds after the kill (negative: before
 * it)
 * @param seenMillis when its failure was seen, milliseconds after the kill
 * @param kind what went wrong, e.g. {@code HTTP 502 ConnectException}
 */
public record FailedRequest(double intendedMillis, double seenMillis, String kind) {

}
