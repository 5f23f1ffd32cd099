package dev.mesh.bench.report;

import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import dev.mesh.bench.results.Histograms;
import dev.mesh.bench.results.PropagationBlock;
import dev.mesh.bench.results.PropagationWrite;
import dev.mesh.bench.results.ReloadSample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class PropagationSummaryTests {

	@Test
	void readsTheTargetFromAllRepetitionsMergedNotAveraged() {
		PropagationBlock fast = block(50, 1, 10, 100, true);
		PropagationBlock slow = block(50, 2, 10, 300, true);
		PropagationSummary.Row row = new PropagationSummary(List.of(fast, slow), List.of()).rows().get(0);
		assertThat(row.writes()).isEqualTo(20);
		assertThat(row.allP99()).isBetween(299.0, 301.0);
		assertThat(row.status()).isEqualTo(Goals.MISSED);
		assertThat(row.controlCpuPerWrite()).isEqualTo(40.0);
		assertThat(row.driverBusy()).isEqualTo(0.1);
	}

	@Test
	void meetsTheTargetOnlyWhenEveryWriteReachedEverySubscriber() {
		PropagationSummary met = new PropagationSummary(List.of(block(1000, 1, 10, 400, true)), List.of());
		PropagationSummary incomplete = new PropagationSummary(List.of(block(1000, 1, 10, 400, false)), List.of());
		assertThat(met.rows().get(0).status()).isEqualTo(Goals.MET);
		assertThat(incomplete.rows().get(0).status()).isEqualTo(Goals.MISSED);
		assertThat(incomplete.rows().get(0).incompleteWrites()).isEqualTo(1);
	}

	@Test
	void summarizesNginxReloadsAndHowFarTheObservedSplitWas() {
		List<ReloadSample> reloads = List.of(reload(1, 110, 112, 19.5), reload(2, 130, 105, 10.2));
		PropagationSummary.Reloads summary = new PropagationSummary(List.of(), reloads).reloads();
		assertThat(summary.count()).isEqualTo(2);
		assertThat(summary.appliedMax()).isBetween(129.9, 130.1);
		assertThat(summary.worstSplitError()).isEqualTo(0.5, offset(1e-9));
	}

	private static PropagationBlock block(int n, int rep, int writes, double allAckedMillis, boolean complete) {
		Histogram ack = Histograms.create();
		Histogram all = Histograms.create();
		List<PropagationWrite> list = new ArrayList<>();
		for (int i = 0; i < writes; i++) {
			int acked = (complete || i > 0) ? n : n - 1;
			list.add(new PropagationWrite(i + 1, 90, 10, 20, 30, allAckedMillis, acked, 0, 0, acked, List.of(), 40, 0,
					10, 100, 0, 0));
			ack.recordValue(Math.round(allAckedMillis * 1000));
			all.recordValue(Math.round(allAckedMillis * 1000));
		}
		return new PropagationBlock(n, 10, 0, rep, 0, 1, 3, list, Histograms.encode(ack), Histograms.encode(ack),
				Histograms.encode(all), 0, 0, 0, 1024, 2048, 0, 0, 0, 0);
	}

	private static ReloadSample reload(int rep, double applied, double exited, double shareB) {
		int weightB = (rep % 2 == 1) ? 20 : 10;
		return new ReloadSample(rep, rep, 100 - weightB, weightB, 10, 100, applied, exited, Math.max(applied, exited),
				1, 200, 0, 150, shareB, 30, 0, 0);
	}

}
