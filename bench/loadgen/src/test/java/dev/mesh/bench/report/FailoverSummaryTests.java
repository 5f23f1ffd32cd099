package dev.mesh.bench.report;

import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import dev.mesh.bench.results.FailedRequest;
import dev.mesh.bench.results.FailoverSegment;
import dev.mesh.bench.results.Histograms;
import dev.mesh.bench.results.ProcessSample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class FailoverSummaryTests {

	private static final String REFUSED = "HTTP 502 ConnectException";

	private static final String RESET = "HTTP 502 IOException: Connection reset";

	@Test
	void countsFailuresPerRepetitionAndUntilWhenAfterTheKill() {
		FailoverSummary summary = new FailoverSummary(List.of(
				segment(2, 0, new FailedRequest(-1, 0.4, RESET), new FailedRequest(1, 2.5, REFUSED),
						new FailedRequest(3, 12.0, REFUSED)),
				segment(1, 0, new FailedRequest(-4, -2.0, "HTTP 500"), new FailedRequest(0.5, 30.0, REFUSED))));
		assertThat(summary.rows()).extracting(FailoverSummary.Row::rep).containsExactly(1, 2);
		FailoverSummary.Row first = summary.rows().get(0);
		assertThat(first.failed()).isEqualTo(2);
		assertThat(first.failedBeforeKill()).isEqualTo(1);
		assertThat(first.firstErrorMillis()).isEqualTo(30.0);
		assertThat(first.lastErrorMillis()).isEqualTo(30.0);
		assertThat(first.earliestIntendedMillis()).isEqualTo(-4.0);
		FailoverSummary.Row second = summary.rows().get(1);
		assertThat(second.firstErrorMillis()).isEqualTo(0.4);
		assertThat(second.lastErrorMillis()).isEqualTo(12.0);
		assertThat(summary.failed()).isEqualTo(5);
		assertThat(summary.scheduled()).isEqualTo(40_000);
		assertThat(summary.maxErrorsStop()).isEqualTo(30.0);
		assertThat(summary.medianErrorsStop()).isEqualTo(21.0);
	}

	@Test
	void groupsFailuresByKindMostFrequentFirstWithUnansweredRequests() {
		FailoverSummary summary = new FailoverSummary(
				List.of(segment(1, 2, new FailedRequest(1, 2, RESET), new FailedRequest(1, 3, REFUSED),
						new FailedRequest(2, 4, REFUSED)), segment(2, 0, new FailedRequest(1, 2, REFUSED))));
		assertThat(summary.kinds()).containsExactly(entry(REFUSED, 3L),
				entry("no response before the segment gave up", 2L), entry(RESET, 1L));
		assertThat(summary.rows().get(0).failed()).isEqualTo(5);
		assertThat(summary.rows().get(0).timeouts()).isEqualTo(2);
	}

	@Test
	void aRepetitionWithoutFailuresStopsAtZero() {
		FailoverSummary summary = new FailoverSummary(
				List.of(segment(1, 0), segment(2, 0, new FailedRequest(-1, 8, REFUSED)), segment(3, 0)));
		assertThat(summary.rows().get(0).lastErrorMillis()).isNaN();
		assertThat(summary.medianErrorsStop()).isZero();
		assertThat(summary.maxErrorsStop()).isEqualTo(8.0);
		String markdown = new FailoverTables(summary, Map.of()).section(3, false).toString();
		assertThat(markdown).contains("**3 repetitions at 1,000 req/s: 1 of 60,000 requests failed**")
			.contains("| 1 | yes | 20,000 | 0 | 0 | n/a / n/a | n/a |")
			.contains("| 8.00 / 8.00 | −1.00 |")
			.contains("| 1,000 | 25% | 5% / 1% |")
			.contains("| `HTTP 502 ConnectException` | 1 |")
			.doesNotContain("saturated");
	}

	@Test
	void saysWhenTheSutCpuWasSaturated() {
		FailoverSegment quiet = segment(1, 0, new FailedRequest(1, 2, REFUSED));
		FailoverSegment busy = new FailoverSegment(quiet.suite(), 2, quiet.rate(), quiet.startedAt(), quiet.seconds(),
				quiet.scheduled(), quiet.requests(), quiet.errors(), quiet.timeouts(), 900, quiet.killAfterSeconds(),
				quiet.killedPid(), quiet.killed(), quiet.failed(), quiet.latency(), quiet.processes(), 0.7,
				quiet.otherLoadgenCpu());
		String markdown = new FailoverTables(new FailoverSummary(List.of(quiet, busy)), Map.of()).section(3, false)
			.toString();
		assertThat(markdown).contains("| 900 ⚠ over capacity |")
			.contains("⚠ In at least one repetition the system under test and other work kept 95% of one CPU busy");
	}

	private static FailoverSegment segment(int rep, long timeouts, FailedRequest... failed) {
		Histogram latency = Histograms.create();
		latency.recordValueWithCount(800, 20_000);
		return new FailoverSegment("failover", rep, 1000, 0, 20, 20_000, 20_000 - timeouts, failed.length + timeouts,
				timeouts, 1000, 5, 4242, true, List.of(failed), Histograms.encode(latency),
				List.of(new ProcessSample("caller", List.of(1L), 5000, 1024, 1024)), 0.05, 0.01);
	}

}
