package dev.mesh.bench.report;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.mesh.bench.results.FailoverSegment;
import dev.mesh.bench.results.HopSegment;
import dev.mesh.bench.results.JmhResult;

/**
 * What the load-balancing suites left in a results folder: JMH's results of the lbpick
 * suite ({@code raw/lbpick/*.json}), the lb suite's segments ({@code raw/lb}), the
 * failover repetitions ({@code raw/failover}) and each suite's settings
 * ({@code meta/lbpick.txt}, {@code meta/lb.txt}, {@code meta/failover.txt}).
 *
 * @param picks JMH's results
 * @param pickSettings the lbpick suite's settings
 * @param tail the lb suite's segments
 * @param tailSettings the lb suite's settings
 * @param failover the failover repetitions
 * @param failoverSettings the failover suite's settings
 */
record LbData(List<JmhResult> picks, Map<String, String> pickSettings, List<HopSegment> tail,
		Map<String, String> tailSettings, List<FailoverSegment> failover, Map<String, String> failoverSettings) {

	static LbData load(Path directory) {
		Path meta = directory.resolve("meta");
		List<JmhResult> picks = RunData.read(directory.resolve("raw/lbpick"), JmhResult[].class)
			.stream()
			.flatMap(Arrays::stream)
			.toList();
		return new LbData(picks, RunData.properties(meta.resolve("lbpick.txt")),
				RunData.read(directory.resolve("raw/lb"), HopSegment.class), RunData.properties(meta.resolve("lb.txt")),
				RunData.read(directory.resolve("raw/failover"), FailoverSegment.class),
				RunData.properties(meta.resolve("failover.txt")));
	}

}
