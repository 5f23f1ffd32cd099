package dev.mesh.bench.loadgen;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.function.LongUnaryOperator;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the generator's schedule, dispatcher and recorder with a simulated server and a
 * simulated clock, to show that a stall is charged to every request it delayed.
 */
class CoordinatedOmissionTests {

	private static final long MS = 1_000_000;

	@Test
	void chargesTheRequestsQueuedBehindAStallFromTheirIntendedStart() {
		// 1,000 req/s on one connection; the first response takes 100 ms, the rest 0.1 ms
		Recorder recorder = simulate(Schedule.of(1000, Duration.ofSeconds(1), 0), 1,
				(index) -> (index == 0) ? 100 * MS : MS / 10);
		assertThat(recorder.completed()).isEqualTo(1000);
		// request k (k < 100) intended at k ms finishes at 100 + 0.1 k ms: latency 100 -
		// 0.9 k
		assertThat(countAbove(recorder.latency(), 50_000)).isBetween(55L, 57L);
		assertThat(recorder.latency().getValueAtPercentile(99)).isGreaterThan(10_000);
		// what a closed-loop tool would report: one slow request, a p99 of 0.1 ms
		assertThat(countAbove(recorder.serviceTime(), 50_000)).isEqualTo(1);
		assertThat(recorder.serviceTime().getValueAtPercentile(99)).isLessThan(200);
	}

	@Test
	void doesNotQueueWhenAConnectionIsFreeForEveryRequest() {
		Recorder recorder = simulate(Schedule.of(1000, Duration.ofSeconds(1), 0), 4, (index) -> MS / 2);
		assertThat(recorder.completed()).isEqualTo(1000);
		assertThat(recorder.latency().getMaxValue()).isBetween(499L, 501L);
		assertThat(recorder.latency().getMinValue()).isBetween(499L, 501L);
	}

	@Test
	void keepsSendingOnScheduleWhileEveryConnectionIsBusy() {
		// responses take 10 ms on 2 connections at 1,000 req/s: the backlog grows,
		// latency climbs
		Recorder recorder = simulate(Schedule.of(1000, Duration.ofMillis(100), 0), 2, (index) -> 10 * MS);
		assertThat(recorder.completed()).isEqualTo(100);
		// the last request, intended at 99 ms, is served after 49 others on its
		// connection
		assertThat(recorder.latency().getMaxValue()).isGreaterThan(350_000);
		assertThat(recorder.serviceTime().getMaxValue()).isBetween(9_990L, 10_010L);
	}

	private static long countAbove(Histogram histogram, long micros) {
		return histogram.getTotalCount() - histogram.getCountBetweenValues(0, micros);
	}

	/**
	 * Event-driven run: requests leave at their intended starts when a connection is
	 * idle, queue otherwise, and a server answers each after its service time.
	 */
	private static Recorder simulate(Schedule schedule, int connections, LongUnaryOperator serviceTime) {
		Dispatcher<Integer> dispatcher = new Dispatcher<>();
		for (int i = 0; i < connections; i++) {
			dispatcher.add(i);
		}
		Recorder recorder = new Recorder();
		PriorityQueue<long[]> inFlight = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
		long[] served = { 0 };
		for (long i = 0; i < schedule.count(); i++) {
			long now = schedule.intendedStart(i);
			while (!inFlight.isEmpty() && inFlight.peek()[0] <= now) {
				complete(inFlight.poll(), dispatcher, recorder, inFlight, serviceTime, served);
			}
			Integer connection = dispatcher.acquire(now);
			if (connection != null) {
				inFlight.add(new long[] { now + serviceTime.applyAsLong(served[0]++), connection, now, now });
			}
		}
		while (!inFlight.isEmpty()) {
			complete(inFlight.poll(), dispatcher, recorder, inFlight, serviceTime, served);
		}
		return recorder;
	}

	private static void complete(long[] done, Dispatcher<Integer> dispatcher, Recorder recorder,
			PriorityQueue<long[]> inFlight, LongUnaryOperator serviceTime, long[] served) {
		recorder.completed(done[2], done[3], done[0], 200);
		OptionalLong queued = dispatcher.release((int) done[1]);
		if (queued.isPresent()) {
			inFlight.add(new long[] { done[0] + serviceTime.applyAsLong(served[0]++), done[1], queued.getAsLong(),
					done[0] });
		}
	}

}
