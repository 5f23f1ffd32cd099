package dev.mesh.bench.results;

import java.util.List;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HistogramsTests {

	@Test
	void decodesWhatItEncodes() {
		Histogram histogram = Histograms.create();
		for (long value = 1; value <= 10_000; value++) {
			histogram.recordValue(value);
		}
		Histogram decoded = Histograms.decode(Histograms.encode(histogram));
		assertThat(decoded.getTotalCount()).isEqualTo(10_000);
		assertThat(decoded.getValueAtPercentile(99)).isEqualTo(histogram.getValueAtPercentile(99));
		assertThat(decoded.getMaxValue()).isEqualTo(histogram.getMaxValue());
	}

	@Test
	void mergesRepetitionsByAddingTheirHistogramsNotByAveragingPercentiles() {
		Histogram fast = Histograms.create();
		fast.recordValueWithCount(1_000, 1000);
		Histogram slowTail = Histograms.create();
		slowTail.recordValueWithCount(1_000, 970);
		slowTail.recordValueWithCount(100_000, 30);
		Histogram merged = Histograms
			.merge(List.of(Histograms.decode(Histograms.encode(fast)), Histograms.decode(Histograms.encode(slowTail))));
		assertThat(merged.getTotalCount()).isEqualTo(2000);
		// 30 of 2,000 values (1.5 %) are slow: the merged p99 is slow, the p98 is not
		assertThat(merged.getValueAtPercentile(99)).isEqualTo(merged.highestEquivalentValue(100_000));
		assertThat(merged.getValueAtPercentile(98)).isEqualTo(merged.highestEquivalentValue(1_000));
		double averagedP99 = (fast.getValueAtPercentile(99) + slowTail.getValueAtPercentile(99)) / 2.0;
		assertThat((double) merged.getValueAtPercentile(99)).isNotEqualTo(averagedP99);
	}

}
