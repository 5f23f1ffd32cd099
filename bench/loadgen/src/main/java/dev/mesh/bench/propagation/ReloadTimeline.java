package dev.mesh.bench.propagation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What requests sent around an nginx reload saw: from which moment on every request was
 * served by the new configuration (each response names its configuration's generation),
 * and how the new configuration split them.
 */
public final class ReloadTimeline {

	private ReloadTimeline() {
	}

	/**
	 * Read the samples of one reload.
	 * @param samples the requests, in any order
	 * @param reloadNanos when {@code nginx -s reload} was issued, on the
	 * {@link System#nanoTime()} clock
	 * @param newGeneration the generation of the new configuration
	 * @param secondBackend the name of the backend whose share the split changes
	 * @return the timeline
	 */
	public static Result read(List<Sample> samples, long reloadNanos, String newGeneration, String secondBackend) {
		List<Sample> sorted = new ArrayList<>(samples);
		sorted.sort(Comparator.comparingLong(Sample::sentNanos));
		long switchedAt = -1;
		for (int i = sorted.size() - 1; i >= 0; i--) {
			Sample sample = sorted.get(i);
			if (sample.failed() || !newGeneration.equals(sample.generation())) {
				break;
			}
			switchedAt = sample.sentNanos();
		}
		long firstNew = -1;
		int requests = 0;
		int failed = 0;
		int fresh = 0;
		int toSecond = 0;
		for (Sample sample : sorted) {
			if (sample.sentNanos() < reloadNanos) {
				continue;
			}
			requests++;
			if (sample.failed()) {
				failed++;
			}
			else if (newGeneration.equals(sample.generation())) {
				fresh++;
				if (Objects.equals(secondBackend, sample.backend())) {
					toSecond++;
				}
				if (firstNew < 0 || sample.answeredNanos() < firstNew) {
					firstNew = sample.answeredNanos();
				}
			}
		}
		return new Result((switchedAt < 0) ? -1 : Math.max(0, switchedAt - reloadNanos),
				(firstNew < 0) ? -1 : Math.max(0, firstNew - reloadNanos), requests, failed, fresh,
				(fresh > 0) ? 100.0 * toSecond / fresh : Double.NaN);
	}

	/**
	 * One request of the probe.
	 *
	 * @param sentNanos when it was sent
	 * @param answeredNanos when its response arrived
	 * @param generation the generation of the configuration that served it, {@code null}
	 * when it failed
	 * @param backend the backend that answered it
	 * @param failed whether it failed
	 */
	public record Sample(long sentNanos, long answeredNanos, String generation, String backend, boolean failed) {

	}

	/**
	 * What the requests after a reload saw.
	 *
	 * @param newConfigNanos from the reload to the first request from which on every
	 * request was served by the new configuration, -1 when that never happened
	 * @param firstNewNanos from the reload to the first response of the new
	 * configuration, -1 when none came
	 * @param requests requests sent after the reload
	 * @param failed of those, the ones that failed
	 * @param newResponses responses of the new configuration
	 * @param secondShare percentage of those answered by the second backend
	 */
	public record Result(long newConfigNanos, long firstNewNanos, int requests, int failed, int newResponses,
			double secondShare) {

	}

}
