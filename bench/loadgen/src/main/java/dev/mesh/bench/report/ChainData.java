package dev.mesh.bench.report;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.mesh.bench.results.HopSegment;
import dev.mesh.bench.results.JmhResult;
import dev.mesh.bench.results.WarmupResult;

/**
 * What the chain suite left in a results folder: its fixed-rate segments
 * ({@code raw/chain}), its warm-ups ({@code raw/chain-warmup}), JMH's results
 * ({@code raw/chainjmh}) and its settings ({@code meta/chain.txt}).
 *
 * @param segments one per route and repetition
 * @param warmups one per route
 * @param jmh JMH's results
 * @param settings the suite's settings
 */
record ChainData(List<HopSegment> segments, List<WarmupResult> warmups, List<JmhResult> jmh,
		Map<String, String> settings) {

	static ChainData load(Path directory) {
		return new ChainData(RunData.read(directory.resolve("raw/chain"), HopSegment.class),
				RunData.read(directory.resolve("raw/chain-warmup"), WarmupResult.class),
				RunData.read(directory.resolve("raw/chainjmh"), JmhResult[].class)
					.stream()
					.flatMap(Arrays::stream)
					.toList(),
				RunData.properties(directory.resolve("meta/chain.txt")));
	}

	boolean isEmpty() {
		return this.segments.isEmpty() && this.jmh.isEmpty();
	}

}
