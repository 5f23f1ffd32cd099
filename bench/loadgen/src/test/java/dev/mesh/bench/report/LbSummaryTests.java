package dev.mesh.bench.report;

import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import dev.mesh.bench.results.Histograms;
import dev.mesh.bench.results.HopSegment;
import dev.mesh.bench.results.ProcessSample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LbSummaryTests {

	@Test
	void readsTheShareOfTheSlowInstanceFromTheInstancesOwnCounts() {
		LbSummary summary = new LbSummary(List.of(segment("ROUND_ROBIN", 1, 50, 330, served(330, 335, 335)),
				segment("ROUND_ROBIN", 2, 50, 340, served(340, 330, 330)),
				segment("LATENCY_AWARE", 1, 50, 2, served(2, 499, 499))));
		assertThat(summary.rows()).extracting(LbSummary.Row::algorithm).containsExactly("ROUND_ROBIN", "LATENCY_AWARE");
		LbSummary.Row roundRobin = summary.rows().get(0);
		assertThat(roundRobin.slowRequests()).isEqualTo(670);
		assertThat(roundRobin.servedRequests()).isEqualTo(2000);
		assertThat(roundRobin.slowShare()).isEqualTo(0.335, within(1e-9));
		assertThat(summary.rows().get(1).slowShare()).isEqualTo(0.002, within(1e-9));
	}

	@Test
	void comparesTheMergedP99OfLatencyAwareWithRoundRobinAndGivesTheRangeOfTheRepetitions() {
		LbSummary summary = new LbSummary(List.of(segment("ROUND_ROBIN", 1, 50, 330, served(330, 335, 335)),
				segment("LATENCY_AWARE", 1, 50, 2, served(2, 499, 499)),
				segment("LEAST_REQUEST", 1, 50, 100, served(100, 450, 450)),
				segment("ROUND_ROBIN", 2, 40, 330, served(330, 335, 335)),
				segment("LATENCY_AWARE", 2, 50, 15, served(15, 490, 495))));
		LbSummary.Ratio ratio = summary.ratio();
		// merged: LATENCY_AWARE's p99 is 1 ms (17 slow of 2,000), ROUND_ROBIN's 50 ms
		assertThat(ratio.value()).isBetween(0.019, 0.021);
		assertThat(ratio.status()).isEqualTo(Goals.MET);
		// each repetition alone: 1/50 in the first; 50/40 in the second (15 slow of
		// 1,000)
		assertThat(ratio.low()).isBetween(0.019, 0.021);
		assertThat(ratio.high()).isBetween(1.24, 1.26);
		assertThat(summary.rows()).extracting(LbSummary.Row::algorithm)
			.containsExactly("ROUND_ROBIN", "LATENCY_AWARE", "LEAST_REQUEST");
	}

	@Test
	void missesTheTargetWhenLatencyAwareIsNotFarEnoughBelowRoundRobin() {
		LbSummary summary = new LbSummary(List.of(segment("ROUND_ROBIN", 1, 50, 330, served(330, 335, 335)),
				segment("LATENCY_AWARE", 1, 20, 300, served(300, 350, 350))));
		assertThat(summary.ratio().value()).isBetween(0.39, 0.41);
		assertThat(summary.ratio().status()).isEqualTo(Goals.MISSED);
		String markdown = new LbTables(summary, Map.of("delay", "50ms")).section(3, false).toString();
		assertThat(markdown).contains("one of three instances answering 50ms late")
			.contains("| p99 of LATENCY_AWARE ÷ p99 of ROUND_ROBIN ≤ 0.3 | 0.40 | 0.40–0.40 | **MISSED** |")
			.contains("| 33.0% (330 of 1,000) |")
			.doesNotContain("Other work took");
	}

	@Test
	void warnsWhenOtherWorkTookTheSutCpuDuringASegment() {
		HopSegment busy = segment("LATENCY_AWARE", 1, 20, 300, served(300, 350, 350));
		busy = new HopSegment(busy.suite(), busy.target(), busy.rep(), busy.mode(), busy.rate(), busy.startedAt(),
				busy.seconds(), busy.requests(), busy.errors(), busy.timeouts(), busy.retries(), busy.maxBacklog(),
				busy.throughput(), busy.latency(), busy.serviceTime(), busy.processes(), busy.counters(),
				busy.loadgenCpuMillis(), busy.tool(), 0.42, busy.otherLoadgenCpu());
		LbSummary summary = new LbSummary(List.of(segment("ROUND_ROBIN", 1, 50, 330, served(330, 335, 335)), busy));
		assertThat(new LbTables(summary, Map.of()).section(3, false).toString())
			.contains("⚠ Other work took up to 42% of the SUT CPU during a segment");
	}

	@Test
	void isNotRunWithoutTheRoundRobinBaseline() {
		LbSummary summary = new LbSummary(List.of(segment("LATENCY_AWARE", 1, 50, 2, served(2, 499, 499))));
		assertThat(summary.ratio().status()).isEqualTo(Goals.NOT_RUN);
		assertThat(summary.ratio().value()).isNaN();
	}

	private static Map<String, Long> served(long slow, long fast1, long fast2) {
		return Map.of("served_slow", slow, "served_fast_1", fast1, "served_fast_2", fast2);
	}

	/**
	 * A segment of 1,000 requests: {@code slow} of them took {@code slowMillis}, the rest
	 * 1 ms.
	 */
	private static HopSegment segment(String algorithm, int rep, long slowMillis, int slow,
			Map<String, Long> counters) {
		Histogram latency = Histograms.create();
		latency.recordValueWithCount(1000, 1000 - slow);
		latency.recordValueWithCount(slowMillis * 1000, slow);
		return new HopSegment("lb", algorithm, rep, HopSegment.OPEN, 400, 0, 2.5, 1000, 0, 0, 0, 0, 400,
				Histograms.encode(latency), Histograms.encode(latency),
				List.of(new ProcessSample("caller", List.of(1L), 500, 1024, 1024)), counters, 100, "loadgen", 0.01,
				0.02);
	}

}
