package dev.mesh.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import dev.mesh.bench.results.MemorySample;
import dev.mesh.bench.results.StartupSample;

/**
 * The memory and startup suites: medians per variant ({@code plain}, {@code mesh}) and
 * what the starter adds.
 */
final class AppSummary {

	/**
	 * The variant without the starter.
	 */
	static final String PLAIN = "plain";

	/**
	 * The variant with the starter.
	 */
	static final String MESH = "mesh";

	private final Map<String, List<MemorySample>> memory;

	private final Map<String, List<StartupSample>> startup;

	AppSummary(List<MemorySample> memory, List<StartupSample> startup) {
		this.memory = memory.stream()
			.collect(Collectors.groupingBy(MemorySample::variant, LinkedHashMap::new, Collectors.toList()));
		this.startup = startup.stream()
			.collect(Collectors.groupingBy(StartupSample::variant, LinkedHashMap::new, Collectors.toList()));
	}

	boolean hasMemory() {
		return !this.memory.isEmpty();
	}

	boolean hasStartup() {
		return !this.startup.isEmpty();
	}

	List<Metric> memoryMetrics() {
		List<Metric> metrics = new ArrayList<>();
		metrics.add(memoryMetric("RSS (MB)", MemorySample::rssKb));
		metrics.add(memoryMetric("PSS (MB)", MemorySample::pssKb));
		metrics.add(memoryMetric("heap after GC (MB)", MemorySample::heapUsedKb));
		metrics.add(memoryMetric("metaspace (MB)", MemorySample::metaspaceUsedKb));
		metrics.add(memoryCount("classes loaded", MemorySample::loadedClasses));
		return metrics;
	}

	List<Metric> startupMetrics() {
		List<Metric> metrics = new ArrayList<>();
		metrics.add(startupMetric("time to ready (ms)", StartupSample::readyMillis));
		metrics.add(startupMetric("Spring Boot \"started in\" (ms)", StartupSample::startedMillis));
		metrics.add(startupMetric("JVM \"running for\" (ms)", StartupSample::jvmMillis));
		return metrics;
	}

	/**
	 * Return the PSS the starter adds to the caller, the memory goal's measure.
	 * @return median PSS with the starter minus median PSS without, in kilobytes, or NaN
	 */
	double addedPssKb() {
		return memoryMetric("PSS", MemorySample::pssKb).added() * 1024;
	}

	double addedRssKb() {
		return memoryMetric("RSS", MemorySample::rssKb).added() * 1024;
	}

	int memoryReps(String variant) {
		return this.memory.getOrDefault(variant, List.of()).size();
	}

	int startupReps(String variant) {
		return this.startup.getOrDefault(variant, List.of()).size();
	}

	private Metric memoryMetric(String name, ToDoubleFunction<MemorySample> kilobytes) {
		return metric(name, this.memory, (sample) -> kilobytes.applyAsDouble(sample) / 1024);
	}

	private Metric memoryCount(String name, ToDoubleFunction<MemorySample> value) {
		return metric(name, this.memory, value);
	}

	private Metric startupMetric(String name, ToDoubleFunction<StartupSample> value) {
		return metric(name, this.startup, value);
	}

	private static <T> Metric metric(String name, Map<String, List<T>> samples, ToDoubleFunction<T> value) {
		List<Double> plain = samples.getOrDefault(PLAIN, List.of())
			.stream()
			.map(value::applyAsDouble)
			.filter((number) -> number >= 0)
			.toList();
		List<Double> mesh = samples.getOrDefault(MESH, List.of())
			.stream()
			.map(value::applyAsDouble)
			.filter((number) -> number >= 0)
			.toList();
		return new Metric(name, Stats.median(plain), Stats.min(plain), Stats.max(plain), Stats.median(mesh),
				Stats.min(mesh), Stats.max(mesh));
	}

	/**
	 * One measure with and without the starter (medians, and the range of the
	 * repetitions).
	 *
	 * @param name the measure and its unit
	 * @param plain median without the starter
	 * @param plainLow lowest without the starter
	 * @param plainHigh highest without the starter
	 * @param mesh median with the starter
	 * @param meshLow lowest with the starter
	 * @param meshHigh highest with the starter
	 */
	record Metric(String name, double plain, double plainLow, double plainHigh, double mesh, double meshLow,
			double meshHigh) {

		double added() {
			return this.mesh - this.plain;
		}

	}

}
