package dev.mesh.bench.results;

/**
 * Memory of one app process after load and a full GC.
 *
 * @param variant {@code plain} (without the starter) or {@code mesh} (with it)
 * @param rep the repetition, from 1
 * @param rssKb resident set size
 * @param pssKb proportional set size
 * @param heapUsedKb Java heap in use after a full GC
 * @param metaspaceUsedKb metaspace in use
 * @param loadedClasses classes loaded
 */
public record MemorySample(String variant, int rep, long rssKb, long pssKb, long heapUsedKb, long metaspaceUsedKb,
		long loadedClasses) {

}
