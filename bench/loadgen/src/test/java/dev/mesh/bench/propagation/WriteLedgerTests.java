package dev.mesh.bench.propagation;

import java.time.Duration;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import dev.mesh.bench.results.Histograms;

import static org.assertj.core.api.Assertions.assertThat;

class WriteLedgerTests {

	private static final long MS = 1_000_000;

	private final Histogram ack = Histograms.create();

	private final Histogram receive = Histograms.create();

	@Test
	void measuresEverySubscriberFromTheWritesResponseAndTheLastAcknowledgement() throws InterruptedException {
		WriteLedger ledger = new WriteLedger(3, 4);
		long response = 1_000 * MS;
		for (int i = 0; i < 3; i++) {
			assertThat(ledger.received(i, 5, response + (10 + i) * MS, "80")).isTrue();
		}
		ledger.acked(0, 5, response + 20 * MS);
		ledger.acked(1, 5, response + 30 * MS);
		assertThat(ledger.await(Duration.ofMillis(1))).isFalse();
		ledger.acked(2, 5, response + 120 * MS);
		assertThat(ledger.await(Duration.ofMillis(1))).isTrue();
		WriteLedger.Outcome outcome = ledger.outcome(5, response, "80", this.ack, this.receive);
		assertThat(outcome.complete()).isTrue();
		assertThat(outcome.allAckedMicros()).isEqualTo(120_000);
		assertThat(outcome.firstReceivedMicros()).isEqualTo(10_000);
		assertThat(outcome.lastReceivedMicros()).isEqualTo(12_000);
		assertThat(this.ack.getTotalCount()).isEqualTo(3);
		assertThat(this.ack.getMaxValue()).isEqualTo(this.ack.highestEquivalentValue(120_000));
		assertThat(this.ack.getValueAtPercentile(50)).isEqualTo(this.ack.highestEquivalentValue(30_000));
	}

	@Test
	void ignoresTheSnapshotsAndAnswersOfEarlierVersionsAndRepeats() {
		WriteLedger ledger = new WriteLedger(1, 4);
		assertThat(ledger.received(0, 4, 1, "90")).isFalse();
		ledger.acked(0, 4, 2);
		assertThat(ledger.outstanding()).isEqualTo(1);
		assertThat(ledger.received(0, 5, 3, "80")).isTrue();
		assertThat(ledger.received(0, 6, 4, "90")).isFalse();
		ledger.acked(0, 5, 5);
		ledger.acked(0, 5, 6);
		assertThat(ledger.outstanding()).isZero();
	}

	@Test
	void countsWrongContentWrongVersionsEarlyArrivalsAndMissingAnswers() {
		WriteLedger ledger = new WriteLedger(4, 4);
		long response = 1_000 * MS;
		ledger.received(0, 5, response - 2 * MS, "80");
		ledger.received(1, 5, response + MS, "90");
		ledger.received(2, 6, response + MS, "80");
		ledger.acked(0, 5, response + 5 * MS);
		ledger.acked(1, 5, response + 5 * MS);
		ledger.acked(2, 6, response + 5 * MS);
		WriteLedger.Outcome outcome = ledger.outcome(5, response, "80", this.ack, this.receive);
		assertThat(outcome.complete()).isFalse();
		assertThat(outcome.acked()).isEqualTo(3);
		assertThat(outcome.wrongValue()).isEqualTo(1);
		assertThat(outcome.wrongVersion()).isEqualTo(1);
		assertThat(outcome.beforeResponse()).isEqualTo(1);
		assertThat(outcome.allAckedMicros()).isEqualTo(-1);
		assertThat(this.receive.getMinValue()).isZero();
	}

}
