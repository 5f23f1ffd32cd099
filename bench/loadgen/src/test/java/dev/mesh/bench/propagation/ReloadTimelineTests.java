package dev.mesh.bench.propagation;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReloadTimelineTests {

	private static final long MS = 1_000_000;

	@Test
	void findsTheFirstRequestFromWhichOnEveryRequestSawTheNewConfiguration() {
		List<ReloadTimeline.Sample> samples = new ArrayList<>();
		samples.add(sample(-5, "1", "a"));
		samples.add(sample(1, "1", "a"));
		samples.add(sample(2, "2", "a"));
		samples.add(sample(3, "1", "b"));
		samples.add(failed(4));
		samples.add(sample(6, "2", "b"));
		samples.add(sample(5, "2", "a"));
		samples.add(sample(7, "2", "a"));
		samples.add(sample(8, "2", "a"));
		ReloadTimeline.Result result = ReloadTimeline.read(samples, 0, "2", "b");
		assertThat(result.newConfigNanos()).isEqualTo(5 * MS);
		assertThat(result.firstNewNanos()).isEqualTo(2 * MS + 100);
		assertThat(result.requests()).isEqualTo(8);
		assertThat(result.failed()).isEqualTo(1);
		assertThat(result.newResponses()).isEqualTo(5);
		assertThat(result.secondShare()).isEqualTo(20.0);
	}

	@Test
	void saysWhenTheNewConfigurationNeverServedTheLastRequest() {
		ReloadTimeline.Result result = ReloadTimeline.read(List.of(sample(1, "2", "a"), sample(2, "1", "a")), 0, "2",
				"b");
		assertThat(result.newConfigNanos()).isEqualTo(-1);
		assertThat(result.firstNewNanos()).isEqualTo(MS + 100);
	}

	private static ReloadTimeline.Sample sample(long sentMillis, String generation, String backend) {
		return new ReloadTimeline.Sample(sentMillis * MS, sentMillis * MS + 100, generation, backend, false);
	}

	private static ReloadTimeline.Sample failed(long sentMillis) {
		return new ReloadTimeline.Sample(sentMillis * MS, sentMillis * MS + 100, null, null, true);
	}

}
