/**
 * What a benchmark run writes and the report reads: one JSON file per measured segment,
 * with latency as encoded HdrHistograms so that repetitions are merged, never averaged.
 */
package dev.mesh.bench.results;
