package dev.mesh.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mesh.bench.results.Histograms;
import dev.mesh.bench.results.HopSegment;
import dev.mesh.bench.results.JmhResult;
import dev.mesh.bench.results.Json;
import dev.mesh.bench.results.ProcessSample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ChainSummaryTests {

	@TempDir
	Path directory;

	@Test
	void givesWhatEachChainAddsOverTheDirectCallAtP50AndP99InMicroseconds() {
		List<HopSegment> segments = new ArrayList<>();
		for (int rep = 1; rep <= 5; rep++) {
			segments.add(segment("direct", rep, 500, 900));
			segments.add(segment("mesh", rep, 503, 900 + ((rep % 2 == 0) ? 20 : -20)));
			segments.add(segment("resilience4j", rep, 540, 1000));
		}
		ChainSummary summary = new ChainSummary(segments, List.of());
		assertThat(summary.rows()).extracting(HopSummary.OpenRow::target)
			.containsExactly("direct", "mesh", "resilience4j");
		ChainSummary.Added mesh = summary.added("mesh");
		assertThat(mesh.p50()).isEqualTo(3, within(0.6));
		assertThat(mesh.p50Status()).isEqualTo(Goals.MET);
		// higher in 2 of 5 repetitions: no measurable change
		assertThat(mesh.p99Higher()).isEqualTo(2);
		assertThat(mesh.reps()).isEqualTo(5);
		assertThat(mesh.p99Status()).isEqualTo(Goals.MET);
		assertThat(mesh.p99Low()).isEqualTo(-20, within(1.0));
		assertThat(mesh.p99High()).isEqualTo(20, within(1.0));
		assertThat(new ChainTables(summary, Map.of()).section(3, false).toString())
			.contains("| mesh: added latency at p50 ≤ 5 µs | +3.0 µs | +3.0 … +3.0 µs | met |");
		ChainSummary.Added resilience4j = summary.added("resilience4j");
		assertThat(resilience4j.p50()).isEqualTo(40, within(1.0));
		assertThat(resilience4j.p50Status()).isEqualTo(Goals.MISSED);
		// higher in every one of 5 repetitions: measurable
		assertThat(resilience4j.p99Higher()).isEqualTo(5);
		assertThat(resilience4j.p99Status()).isEqualTo(Goals.MISSED);
	}

	@Test
	void doesNotJudgeP99WithFewerThanFiveRepetitions() {
		ChainSummary summary = new ChainSummary(List.of(segment("direct", 1, 500, 900), segment("mesh", 1, 520, 2000)),
				List.of());
		assertThat(summary.added("mesh").p99Status()).isEqualTo(Goals.NOT_RUN);
		assertThat(summary.added("mesh").p50Status()).isEqualTo(Goals.MISSED);
		String markdown = new ChainTables(summary, Map.of()).section(3, false).toString();
		assertThat(markdown).contains("| mesh: added latency at p50 ≤ 5 µs | +20.0 µs")
			.contains("not judged: fewer than 5 repetitions")
			.contains("**MISSED**");
	}

	@Test
	void readsJmhAndGivesEachChainsCostOverTheDirectCall() throws IOException {
		Path file = this.directory.resolve("threads-1.json");
		Files.writeString(file, "[" + String.join(",", jmh("springCloud", "22584.5"), jmh("direct", "0.5"),
				jmh("mesh", "886.5"), jmh("resilience4j", "118.1")) + "]");
		ChainSummary summary = new ChainSummary(List.of(), Arrays.asList(Json.read(file, JmhResult[].class)));
		assertThat(summary.jmh()).extracting(ChainSummary.JmhRow::benchmark)
			.containsExactly("direct", "mesh", "resilience4j", "springCloud");
		assertThat(summary.jmh("mesh").nanos()).isEqualTo(886.5);
		String markdown = new ChainTables(summary, Map.of()).section(3, false).toString();
		assertThat(markdown).contains("| the mesh chain's own cost per call (JMH) ≤ 5 µs | 886 ns |")
			.contains("| `springCloud` | 22585 ± 10.0 | 22585 | 22584 |")
			.doesNotContain("| route |");
	}

	/**
	 * A segment of 1,000 requests: 989 at {@code p50Micros}, 11 at {@code p99Micros}.
	 */
	private static HopSegment segment(String route, int rep, long p50Micros, long p99Micros) {
		Histogram latency = Histograms.create();
		latency.recordValueWithCount(p50Micros, 989);
		latency.recordValueWithCount(p99Micros, 11);
		return new HopSegment("chain", route, rep, HopSegment.OPEN, 500, 0, 2, 1000, 0, 0, 0, 0, 500,
				Histograms.encode(latency), Histograms.encode(latency),
				List.of(new ProcessSample("caller", List.of(1L), 500, 1024, 1024)), Map.of(), 100, "loadgen", 0.01,
				0.02);
	}

	private static String jmh(String benchmark, String score) {
		return """
				{"benchmark": "dev.mesh.bench.jmh.ChainBenchmark.%s", "mode": "avgt", "threads": 1, "forks": 1,
				 "warmupIterations": 3, "measurementIterations": 5, "params": null,
				 "primaryMetric": {"score": %s, "scoreError": 10.0, "scoreConfidence": [0, 1],
				  "scoreUnit": "ns/op", "rawData": [[%s]]}}""".formatted(benchmark, score, score);
	}

}
