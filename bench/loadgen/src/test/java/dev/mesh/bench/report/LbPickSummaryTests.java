package dev.mesh.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mesh.bench.results.JmhResult;
import dev.mesh.bench.results.Json;

import static org.assertj.core.api.Assertions.assertThat;

class LbPickSummaryTests {

	@TempDir
	Path directory;

	@Test
	void readsJmhJsonIncludingAnErrorJmhCouldNotCompute() throws IOException {
		Path file = this.directory.resolve("threads-1.json");
		Files.writeString(file, "[" + result("LATENCY_AWARE", 1000, 1, "442.1", "12.5", "ns/op") + ","
				+ result("RING_HASH", 10, 1, "0.25", "\"NaN\"", "us/op") + "]");
		LbPickSummary summary = new LbPickSummary(Arrays.asList(Json.read(file, JmhResult[].class)));
		assertThat(summary.row("LATENCY_AWARE", 1000, 1).nanos()).isEqualTo(442.1);
		assertThat(summary.row("LATENCY_AWARE", 1000, 1).errorNanos()).isEqualTo(12.5);
		assertThat(summary.row("RING_HASH", 10, 1).nanos()).isEqualTo(250.0);
		assertThat(summary.row("RING_HASH", 10, 1).errorNanos()).isNaN();
		assertThat(summary.row("RING_HASH", 10, 1).bestNanos()).isEqualTo(125.0);
		assertThat(summary.instances()).containsExactly(10, 1000);
	}

	@Test
	void judgesTheTargetForBothTwoChoiceAlgorithmsAtOneThousandInstancesPerThreadCount() throws IOException {
		Path file = this.directory.resolve("all.json");
		Files.writeString(file,
				"[" + String.join(",", result("ROUND_ROBIN", 1000, 1, "2000", "1", "ns/op"),
						result("LEAST_REQUEST", 1000, 1, "350", "5", "ns/op"),
						result("LATENCY_AWARE", 100, 1, "1500", "5", "ns/op"),
						result("LATENCY_AWARE", 1000, 1, "999", "5", "ns/op"),
						result("LATENCY_AWARE", 1000, 2, "1001", "30", "ns/op")) + "]");
		LbPickSummary summary = new LbPickSummary(Arrays.asList(Json.read(file, JmhResult[].class)));
		List<String> verdicts = summary.targets()
			.stream()
			.map((target) -> target.algorithm() + "/" + target.threads() + "=" + target.status())
			.toList();
		assertThat(verdicts).containsExactly("LEAST_REQUEST/1=" + Goals.MET, "LATENCY_AWARE/1=" + Goals.MET,
				"LATENCY_AWARE/2=" + Goals.MISSED);
		assertThat(summary.algorithms()).containsExactly("ROUND_ROBIN", "LEAST_REQUEST", "LATENCY_AWARE");
	}

	@Test
	void writesTheTargetsAndOneColumnPerSizeAndThreadCount() throws IOException {
		Path file = this.directory.resolve("one.json");
		Files.writeString(file, "[" + result("LEAST_REQUEST", 1000, 1, "1200", "40", "ns/op") + "]");
		LbPickSummary summary = new LbPickSummary(Arrays.asList(Json.read(file, JmhResult[].class)));
		String markdown = new LbPickTables(summary, Map.of()).section(3, false).toString();
		assertThat(markdown)
			.contains("| LEAST_REQUEST | 1 | < 1,000 ns | 1200 ± 40.0 (600) ns | **MISSED** | 99.9% CI up to 1,240 ns: "
					+ "reaches the target ⚠ |")
			.contains("| algorithm | 1,000 instances, 1 thread (ns) |");
	}

	private static String result(String algorithm, int instances, int threads, String score, String error,
			String unit) {
		return """
				{ "jmhVersion" : "1.37", "benchmark" : "dev.mesh.bench.jmh.PickBenchmark.pickAndComplete",
				  "mode" : "avgt", "threads" : %d, "forks" : 1, "warmupIterations" : 3, "measurementIterations" : 5,
				  "params" : { "algorithm" : "%s", "instances" : "%d" },
				  "primaryMetric" : { "score" : %s, "scoreError" : %s, "scoreConfidence" : [ 1, 2 ],
				    "scorePercentiles" : { "0.0" : 1 }, "scoreUnit" : "%s", "rawData" : [ [ %s, %s ] ] },
				  "secondaryMetrics" : { } }
				""".formatted(threads, algorithm, instances, score, error, unit, score, Double.parseDouble(score) / 2);
	}

}
