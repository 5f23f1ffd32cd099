package dev.mesh.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mesh.bench.results.Histograms;
import dev.mesh.bench.results.HopSegment;
import dev.mesh.bench.results.Json;
import dev.mesh.bench.results.ProcessSample;

import static org.assertj.core.api.Assertions.assertThat;

class GoalsTests {

	private static final String UNAVAILABLE = "not measurable yet: the starter has no mTLS/resilience";

	@TempDir
	Path results;

	@Test
	void neverStandsInP3aForAnUnmeasurableP3() throws IOException {
		paths("P3\tunavailable\tstarter, mTLS + resilience\t" + UNAVAILABLE);
		measure("P0", 1_000, 100, 4000);
		measure("P1", 3_000, 300, 2000);
		measure("P3a", 2_000, 150, 3000);
		List<Goals.Goal> goals = goals().goals();
		assertThat(goals.subList(0, 3)).allSatisfy((goal) -> {
			assertThat(goal.status()).isEqualTo(Goals.NOT_MEASURABLE);
			assertThat(goal.value()).isEqualTo("n/a");
			assertThat(goal.note()).isEqualTo(UNAVAILABLE);
		});
	}

	@Test
	void comparesP3aWithTheSidecarsAsContextOnly() throws IOException {
		paths("P3\tunavailable\tstarter, mTLS + resilience\t" + UNAVAILABLE);
		measure("P0", 1_000, 100, 4000);
		measure("P1", 3_000, 300, 2000);
		measure("P3a", 2_000, 150, 3000);
		Goals.Comparison comparison = goals().comparisons()
			.stream()
			.filter((candidate) -> candidate.comparison().equals("P3a vs P1"))
			.findFirst()
			.orElseThrow();
		assertThat(comparison.addedP99()).startsWith("0.50");
		assertThat(comparison.addedCpu()).startsWith("0.25");
		assertThat(comparison.throughput()).startsWith("1.50");
		assertThat(comparison.caveat()).contains("NOT like for like");
	}

	@Test
	void saysPlainlyWhenAMeasuredP3MissesItsTarget() throws IOException {
		paths("P3\tmeasured\tstarter, mTLS + resilience\t");
		measure("P0", 1_000, 100, 4000);
		measure("P1", 3_000, 300, 2000);
		measure("P3", 2_500, 120, 3000);
		List<Goals.Goal> goals = goals().goals();
		assertThat(goals.get(0).value()).isEqualTo("0.75");
		assertThat(goals.get(0).status()).isEqualTo(Goals.MISSED);
		assertThat(goals.get(1).value()).isEqualTo("0.10");
		assertThat(goals.get(1).status()).isEqualTo(Goals.MET);
		assertThat(goals.get(2).status()).isEqualTo(Goals.MET);
	}

	@Test
	void saysNotRunRatherThanNotMeasurableWhenP3WasLeftOut() throws IOException {
		paths("P3\tnot-run\tstarter, mTLS + resilience\tthe hop suite was not run");
		List<Goals.Goal> goals = goals().goals();
		assertThat(goals.subList(0, 3)).allSatisfy((goal) -> {
			assertThat(goal.status()).isEqualTo(Goals.NOT_RUN);
			assertThat(goal.note()).isEqualTo("P3 was not run");
		});
	}

	@Test
	void showsWhatMtlsAndTheResilienceChainAddToTheStarter() throws IOException {
		paths("P3\tmeasured\tstarter, mTLS + resilience\t", "P3b\tmeasured\tstarter, mTLS\t");
		measure("P0", 1_000, 100, 4000);
		measure("P3a", 1_500, 150, 3000);
		measure("P3b", 1_800, 180, 2800);
		measure("P3", 1_750, 190, 2700);
		List<Goals.Difference> differences = goals().differences();
		assertThat(differences).extracting(Goals.Difference::pair).containsExactly("P3b − P3a", "P3 − P3b");
		assertThat(differences.get(0).addedP50()).isEqualTo("+0.300 ms");
		assertThat(differences.get(0).addedP99()).isEqualTo("+0.300 ms");
		assertThat(differences.get(0).addedCpu()).isEqualTo("+30");
		assertThat(differences.get(1).addedP99()).isEqualTo("-0.050 ms");
		assertThat(differences.get(1).addedCpu()).isEqualTo("+10");
	}

	@Test
	void comparesTheMtlsPathsLikeForLike() throws IOException {
		paths("P3\tmeasured\tstarter, mTLS + resilience\t", "P2\tmeasured\thaproxy, mTLS\t");
		measure("P0", 1_000, 100, 4000);
		measure("P2", 2_000, 250, 2000);
		measure("P3", 1_500, 150, 2600);
		Goals.Comparison comparison = goals().comparisons()
			.stream()
			.filter((candidate) -> candidate.comparison().equals("P3 vs P2"))
			.findFirst()
			.orElseThrow();
		assertThat(comparison.addedP99()).startsWith("0.50");
		assertThat(comparison.addedCpu()).startsWith("0.33");
		assertThat(comparison.throughput()).startsWith("1.30");
		assertThat(comparison.caveat()).startsWith("like for like");
	}

	private Goals goals() {
		RunData data = RunData.load(this.results);
		HopSummary hop = new HopSummary(data.hop());
		return new Goals(data, hop, new AppSummary(data.memory(), data.startup()));
	}

	private void paths(String... more) throws IOException {
		Files.createDirectories(this.results.resolve("meta"));
		Files.writeString(this.results.resolve("meta/paths.tsv"), String.join("\n", "P0\tmeasured\tplain\t",
				"P1\tmeasured\tnginx, mTLS\t", "P3a\tmeasured\tstarter, no TLS\t", String.join("\n", more)) + "\n");
	}

	private void measure(String target, long p99Micros, double cpuMillisPer1000Requests, double maxRate) {
		Histogram latency = Histograms.create();
		latency.recordValueWithCount(p99Micros, 1000);
		List<ProcessSample> processes = List
			.of(new ProcessSample("caller", List.of(1L), cpuMillisPer1000Requests, 100_000, 50_000));
		Json.write(this.results.resolve("raw/hop/" + target + "-1000.json"),
				new HopSegment("hop", target, 1, HopSegment.OPEN, 1000, 0, 1.0, 1000, 0, 0, 0, 0, 1000,
						Histograms.encode(latency), Histograms.encode(latency), processes, Map.of(), 0, "test", 0, 0));
		Json.write(this.results.resolve("raw/hop/" + target + "-max.json"),
				new HopSegment("hop", target, 1, HopSegment.CLOSED, 0, 0, 1.0, (long) maxRate, 0, 0, 0, 0, maxRate,
						null, null, processes, Map.of(), 0, "test", 0, 0));
	}

}
