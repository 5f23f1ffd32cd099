package dev.mesh.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import dev.mesh.bench.results.Histograms;
import dev.mesh.bench.results.HopSegment;
import dev.mesh.bench.results.ProcessSample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GatewaySummaryTests {

	@Test
	void judgesTheMeshGatewayAgainstNginxInTheSameRun() {
		List<HopSegment> segments = new ArrayList<>();
		for (int rep = 1; rep <= 3; rep++) {
			segments.add(closed("direct", rep, 60000));
			segments.add(closed("nginx", rep, 36000 + rep));
			segments.add(closed("scg", rep, 8500));
			segments.add(closed("mesh", rep, 19000));
			segments.add(open("direct", rep, 100, 1000));
			segments.add(open("nginx", rep, 150, 2000));
			segments.add(open("scg", rep, 400, 9000));
			segments.add(open("mesh", rep, 300, 2100));
		}
		GatewaySummary summary = new GatewaySummary(segments,
				List.of(split("nginx", 100000, 90120, 9880), split("mesh", 100000, 90000, 10000)), List.of(),
				Map.of("rate", "18001"));
		assertThat(summary.maxRatio("mesh")).isEqualTo(19000 / 36002.0, within(1e-9));
		assertThat(summary.addedP99("nginx")).isEqualTo(1.0, within(0.01));
		assertThat(summary.addedP99("mesh")).isEqualTo(1.1, within(0.01));
		assertThat(summary.p99Ratio("mesh")).isEqualTo(1.1, within(0.02));
		assertThat(summary.split("nginx").errorPoints()).isEqualTo(0.12, within(1e-9));
		assertThat(summary.split("mesh").errorPoints()).isZero();
		assertThat(summary.goals()).extracting(Goals.Goal::status).containsExactly(Goals.MET, Goals.MET, Goals.MET);
		String markdown = new GatewayReport(summary).section(3, false).toString();
		assertThat(markdown).contains("**Latency at 18,001 req/s**")
			.contains("| **mesh** | 19,000 | 19,000–19,000 | 0.53 |")
			.contains("| **nginx** | 100,000 | 0 | 90,120 | 9,880 | 9.880% | 0.120 | yes |");
	}

	@Test
	void saysWhatIsMissedAndWhatCannotBeJudged() {
		List<HopSegment> segments = List.of(closed("nginx", 1, 36000), closed("mesh", 1, 9000),
				open("direct", 1, 100, 2000), open("nginx", 1, 150, 1500), open("mesh", 1, 300, 9000));
		GatewaySummary summary = new GatewaySummary(segments, List.of(split("mesh", 100000, 89000, 11000)), List.of(),
				Map.of());
		List<Goals.Goal> goals = summary.goals();
		assertThat(goals.get(0).status()).isEqualTo(Goals.MISSED);
		// nginx's p99 is below direct's: its added p99 is not positive, the ratio
		// undefined
		assertThat(goals.get(1).status()).isEqualTo(Goals.NOT_RUN);
		assertThat(goals.get(1).note()).startsWith("undefined");
		assertThat(goals.get(2).status()).isEqualTo(Goals.MISSED);
		assertThat(goals.get(2).value()).isEqualTo("1.00");
		assertThat(new GatewayReport(summary).section(3, false).toString()).contains("**MISSED**");
	}

	@Test
	void flagsASplitTheBackendsCountedDifferently() {
		GatewaySummary summary = new GatewaySummary(List.of(), List.of(split("scg", 100000, 90000, 9990)), List.of(),
				Map.of());
		assertThat(new GatewayReport(summary).section(3, false).toString()).contains("| **no** |");
	}

	private static HopSegment closed(String target, int rep, double throughput) {
		return new HopSegment("gateway", target, rep, HopSegment.CLOSED, 0, 0, 3, (long) (throughput * 3), 0, 0, 0, 0,
				throughput, null, null, List.of(new ProcessSample(target, List.of(1L), 900, 1024, 1024)), Map.of(), 100,
				"wrk", 0.01, 0.02);
	}

	private static HopSegment open(String target, int rep, long p50Micros, long p99Micros) {
		Histogram latency = Histograms.create();
		latency.recordValueWithCount(p50Micros, 989);
		latency.recordValueWithCount(p99Micros, 11);
		return new HopSegment("gateway", target, rep, HopSegment.OPEN, 18001, 0, 3, 54003, 0, 0, 0, 0, 18001,
				Histograms.encode(latency), Histograms.encode(latency),
				List.of(new ProcessSample(target, List.of(1L), 500, 1024, 1024)), Map.of(), 100, "loadgen", 0.01, 0.02);
	}

	private static HopSegment split(String target, long requests, long v1, long v2) {
		return new HopSegment("gateway-split", target, 1, HopSegment.OPEN, 5000, 0, 20, requests, 0, 0, 0, 0, 5000,
				null, null, List.of(), Map.of("served_v1", v1, "served_v2", v2), 100, "loadgen", 0, 0);
	}

}
