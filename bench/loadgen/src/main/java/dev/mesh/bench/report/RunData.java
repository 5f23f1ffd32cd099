package dev.mesh.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.mesh.bench.results.HopSegment;
import dev.mesh.bench.results.Json;
import dev.mesh.bench.results.MemorySample;
import dev.mesh.bench.results.PropagationBlock;
import dev.mesh.bench.results.ReloadSample;
import dev.mesh.bench.results.StartupSample;
import dev.mesh.bench.results.WarmupResult;

/**
 * Everything a run left in its results folder: {@code meta/} (machine, run settings,
 * paths, suite settings) and {@code raw/} (one JSON file per segment, block or sample;
 * the load-balancing suites' in {@link LbData}).
 */
final class RunData {

	private final Path directory;

	private final Map<String, String> machine;

	private final Map<String, String> run;

	private final List<PathInfo> paths;

	private final List<HopSegment> hop;

	private final List<MemorySample> memory;

	private final List<StartupSample> startup;

	private final List<WarmupResult> warmups;

	private final Map<String, String> propagationSettings;

	private final List<PropagationBlock> propagation;

	private final List<ReloadSample> reloads;

	private final LbData loadBalancing;

	private RunData(Path directory, Map<String, String> machine, Map<String, String> run, List<PathInfo> paths,
			List<HopSegment> hop, List<MemorySample> memory, List<StartupSample> startup, List<WarmupResult> warmups,
			Map<String, String> propagationSettings, List<PropagationBlock> propagation, List<ReloadSample> reloads,
			LbData loadBalancing) {
		this.directory = directory;
		this.machine = machine;
		this.run = run;
		this.paths = paths;
		this.hop = hop;
		this.memory = memory;
		this.startup = startup;
		this.warmups = warmups;
		this.propagationSettings = propagationSettings;
		this.propagation = propagation;
		this.reloads = reloads;
		this.loadBalancing = loadBalancing;
	}

	static RunData load(Path directory) {
		Path meta = directory.resolve("meta");
		List<PathInfo> paths = lines(meta.resolve("paths.tsv")).stream()
			.filter((line) -> !line.isBlank() && !line.startsWith("#"))
			.map(PathInfo::parse)
			.toList();
		return new RunData(directory, properties(meta.resolve("machine.txt")), properties(meta.resolve("run.txt")),
				paths, read(directory.resolve("raw/hop"), HopSegment.class),
				read(directory.resolve("raw/memory"), MemorySample.class),
				read(directory.resolve("raw/startup"), StartupSample.class),
				read(directory.resolve("raw/warmup"), WarmupResult.class), properties(meta.resolve("propagation.txt")),
				read(directory.resolve("raw/propagation"), PropagationBlock.class),
				read(directory.resolve("raw/reload"), ReloadSample.class), LbData.load(directory));
	}

	Path directory() {
		return this.directory;
	}

	Map<String, String> machine() {
		return this.machine;
	}

	Map<String, String> run() {
		return this.run;
	}

	List<PathInfo> paths() {
		return this.paths;
	}

	PathInfo path(String id) {
		return this.paths.stream().filter((path) -> path.id().equals(id)).findFirst().orElse(null);
	}

	List<HopSegment> hop() {
		return this.hop;
	}

	List<MemorySample> memory() {
		return this.memory;
	}

	List<StartupSample> startup() {
		return this.startup;
	}

	List<WarmupResult> warmups() {
		return this.warmups;
	}

	Map<String, String> propagationSettings() {
		return this.propagationSettings;
	}

	List<PropagationBlock> propagation() {
		return this.propagation;
	}

	List<ReloadSample> reloads() {
		return this.reloads;
	}

	LbData loadBalancing() {
		return this.loadBalancing;
	}

	static <T> List<T> read(Path directory, Class<T> type) {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> file.toString().endsWith(".json"))
				.sorted()
				.map((file) -> Json.read(file, type))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Map<String, String> properties(Path file) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String line : lines(file)) {
			int equals = line.indexOf('=');
			if (equals > 0 && !line.startsWith("#")) {
				values.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
			}
		}
		return values;
	}

	private static List<String> lines(Path file) {
		if (!Files.exists(file)) {
			return new ArrayList<>();
		}
		try {
			return Files.readAllLines(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
