package dev.mesh.bench.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import dev.mesh.bench.loadgen.OpenLoopGenerator;
import dev.mesh.bench.loadgen.PhaseResult;
import dev.mesh.bench.probe.JvmProbe;
import dev.mesh.bench.probe.Procfs;
import dev.mesh.bench.results.Json;
import dev.mesh.bench.results.MemorySample;

/**
 * {@code memory}: drive an app at a fixed rate for a while (so that its pools, caches and
 * compiled code are what they are in service), run a full GC in it, then read its heap,
 * metaspace, RSS and PSS.
 */
final class MemoryCommand {

	private final Args args;

	MemoryCommand(Args args) {
		this.args = args;
	}

	void run() throws IOException, InterruptedException {
		String variant = this.args.required("variant");
		int rep = this.args.intValue("rep", 1);
		long pid = Long.parseLong(this.args.required("pid"));
		URI url = URI.create(this.args.required("url"));
		double rate = this.args.doubleValue("rate", 1000);
		Duration load = this.args.duration("load", Duration.ofSeconds(10));
		try (OpenLoopGenerator generator = new OpenLoopGenerator(url, this.args.intValue("connections", 64))) {
			generator.open();
			PhaseResult result = generator.run(rate, load, Duration.ofSeconds(30));
			if (result.non2xx() + result.failures() > 0 || result.completed() < result.scheduled() * 0.9) {
				throw new IllegalStateException(String.format(
						"%d of %d requests completed while loading %s (%d non-2xx, %d failed, %d timed out)",
						result.completed(), result.scheduled(), url, result.non2xx(), result.failures(),
						result.timeouts()));
			}
		}
		JvmProbe.Heap heap = new JvmProbe(Path.of(System.getProperty("java.home"))).heapAfterGc(pid);
		Procfs.Memory memory = new Procfs(Path.of("/proc"), 100).memory(pid);
		MemorySample sample = new MemorySample(variant, rep, memory.rssKb(), memory.pssKb(), heap.heapUsedKb(),
				heap.metaspaceUsedKb(), heap.loadedClasses());
		Json.write(Path.of(this.args.required("out")).resolve(String.format("memory-%s-r%02d.json", variant, rep)),
				sample);
		Console.say(
				"memory of %s rep %d: RSS %.1f MB, PSS %.1f MB, heap after GC %.1f MB, metaspace %.1f MB, "
						+ "%d classes",
				variant, rep, memory.rssKb() / 1024.0, memory.pssKb() / 1024.0, heap.heapUsedKb() / 1024.0,
				heap.metaspaceUsedKb() / 1024.0, heap.loadedClasses());
	}

}
