package dev.mesh.bench.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

import dev.mesh.bench.probe.Counters;
import dev.mesh.bench.probe.CpuSet;
import dev.mesh.bench.probe.JvmProbe;
import dev.mesh.bench.probe.ProcessGroup;
import dev.mesh.bench.probe.Procfs;
import dev.mesh.bench.propagation.PolicyAdmin;
import dev.mesh.bench.propagation.SubscriberFleet;
import dev.mesh.bench.propagation.WriteLedger;
import dev.mesh.bench.results.Histograms;
import dev.mesh.bench.results.Json;
import dev.mesh.bench.results.ProcessSample;
import dev.mesh.bench.results.PropagationBlock;
import dev.mesh.bench.results.PropagationWrite;

/**
 * {@code propagation}: one block of the propagation suite. Opens N lightweight
 * subscribers on the control service, writes the policy (route weights 90/10 and 80/20 in
 * turn), and for each write waits until every subscriber acknowledged it, then checks
 * {@code /v1/status}. Writes are spaced (all acknowledged, then a gap) so that the
 * control service never coalesces two of them.
 */
final class PropagationCommand {

	private static final String CONTROL = "control";

	private static final int MAX_INCOMPLETE = 3;

	private final Args args;

	private final Procfs procfs;

	private int realApps;

	PropagationCommand(Args args) {
		this.args = args;
		this.procfs = new Procfs(Path.of("/proc"), args.intValue("clk-tck", 100));
	}

	void run() throws IOException, InterruptedException {
		int subscribers = this.args.intValue("subscribers", 50);
		int services = this.args.intValue("services", 10);
		int rep = this.args.intValue("rep", 1);
		int warmupWrites = this.args.intValue("warmup-writes", 3);
		int writes = this.args.intValue("writes", 10);
		Duration gap = this.args.duration("gap", Duration.ofMillis(300));
		Duration timeout = this.args.duration("timeout", Duration.ofSeconds(30));
		URI control = URI.create(this.args.required("control"));
		Set<String> realServices = new HashSet<>(List.of(this.args.get("real-services", "").split(",")));
		realServices.remove("");
		this.realApps = this.args.intValue("real-apps", 0);
		List<ProcessGroup> groups = ProcessGroup.parse(this.args.required("pids"));
		long controlPid = groups.stream()
			.filter((group) -> CONTROL.equals(group.name()))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("--pids must name the control service (control=PID)"))
			.pids()
			.get(0);
		int ticks = this.args.intValue("clk-tck", 100);
		Segments segments = new Segments(this.procfs, groups, new Counters(null), cpus("sut-cpus"),
				cpus("loadgen-cpus"), ticks);
		JvmProbe jvm = new JvmProbe(Path.of(System.getProperty("java.home")));
		PolicyAdmin admin = new PolicyAdmin(control, token("admin-token", "MESH_POLICY_ADMINTOKEN"));
		long startedAt = System.currentTimeMillis();
		JvmProbe.Heap idle = jvm.heapAfterGc(controlPid);
		PolicyAdmin.Written policy = admin.ensure(90);
		List<SubscriberFleet.Identity> identities = SubscriberFleet.identities(subscribers, services);
		try (SubscriberFleet fleet = new SubscriberFleet(control, token("workload-token", "MESH_POLICY_WORKLOADTOKEN"),
				identities, PolicyAdmin.WEIGHT_KEY)) {
			long opening = System.nanoTime();
			fleet.open(timeout.multipliedBy(4));
			double openSeconds = (System.nanoTime() - opening) / 1e9;
			Synced synced = awaitSynced(admin, identities, realServices, policy.version(), null, timeout);
			Console.say("propagation N=%d rep %d: %d streams open and synced at version %d in %.1f s (%d real apps)",
					subscribers, rep, subscribers, policy.version(), openSeconds, synced.realApps().size());
			Histogram ack = Histograms.create();
			Histogram receive = Histograms.create();
			Histogram allAcked = Histograms.create();
			List<PropagationWrite> measured = new ArrayList<>();
			int incomplete = 0;
			for (int i = 0; i < warmupWrites + writes; i++) {
				boolean warmup = i < warmupWrites;
				int weight = (policy.weight() == 90) ? 80 : 90;
				PropagationWrite write = write(admin, fleet, segments, policy.version(), weight, realServices, timeout,
						(warmup) ? Histograms.create() : ack, (warmup) ? Histograms.create() : receive);
				policy = new PolicyAdmin.Written(write.version(), weight);
				if (!warmup) {
					measured.add(write);
					if (write.allAckedMillis() >= 0) {
						allAcked.recordValue(Math.round(write.allAckedMillis() * 1000));
					}
				}
				if (write.acked() < subscribers && ++incomplete >= MAX_INCOMPLETE) {
					throw new IllegalStateException(incomplete + " writes did not reach every subscriber within "
							+ timeout + " (" + fleet.streamFailures() + " streams and " + fleet.ackFailures()
							+ " acknowledgements failed; the subscribers' thread: "
							+ ((fleet.failure() != null) ? fleet.failure() : "running")
							+ "); see the control service's log");
				}
				LockSupport.parkNanos(gap.toNanos());
			}
			JvmProbe.Heap heap = jvm.heapAfterGc(controlPid);
			Procfs.Memory memory = this.procfs.memory(controlPid);
			Procfs.Memory driver = this.procfs.memory(ProcessHandle.current().pid());
			PropagationBlock block = new PropagationBlock(subscribers, services, synced.realApps().size(), rep,
					startedAt, openSeconds, warmupWrites, measured, Histograms.encode(ack), Histograms.encode(receive),
					Histograms.encode(allAcked), fleet.ackFailures(), fleet.streamFailures(),
					fleet.unreadableSnapshots(), idle.heapUsedKb(), heap.heapUsedKb(), heap.metaspaceUsedKb(),
					memory.rssKb(), memory.pssKb(), driver.rssKb());
			Json.write(Path.of(this.args.required("out"))
				.resolve(String.format("propagation-n%05d-r%02d.json", subscribers, rep)), block);
			Console.say(
					"propagation N=%d rep %d: %d writes, write→ACK p50 %.1f ms, p99 %.1f ms; all N acknowledged "
							+ "p50 %.1f ms, max %.1f ms; control heap after GC %.1f MB (idle %.1f MB), PSS %.1f MB",
					subscribers, rep, measured.size(), ack.getValueAtPercentile(50) / 1000.0,
					ack.getValueAtPercentile(99) / 1000.0, allAcked.getValueAtPercentile(50) / 1000.0,
					allAcked.getMaxValue() / 1000.0, heap.heapUsedKb() / 1024.0, idle.heapUsedKb() / 1024.0,
					memory.pssKb() / 1024.0);
		}
	}

	private PropagationWrite write(PolicyAdmin admin, SubscriberFleet fleet, Segments segments, long baseline,
			int weight, Set<String> realServices, Duration timeout, Histogram ack, Histogram receive)
			throws IOException, InterruptedException {
		WriteLedger ledger = fleet.expect(baseline);
		Segments.Window window = segments.start();
		long sent = System.nanoTime();
		long version = admin.replace(weight, baseline);
		long answered = System.nanoTime();
		Instant answeredAt = Instant.now();
		ledger.await(timeout);
		Segments.Measured cpu = segments.stop(window);
		double windowMillis = (System.nanoTime() - sent) / 1e6;
		WriteLedger.Outcome outcome = ledger.outcome(version, answered, String.valueOf(weight), ack, receive);
		Synced synced = awaitSynced(admin, fleet.identities(), realServices, version, answeredAt, timeout);
		double control = 0;
		double apps = 0;
		for (ProcessSample process : cpu.processes()) {
			if (CONTROL.equals(process.name())) {
				control += process.cpuMillis();
			}
			else {
				apps += process.cpuMillis();
			}
		}
		return new PropagationWrite(version, weight, (answered - sent) / 1e6, outcome.firstReceivedMicros() / 1000.0,
				outcome.lastReceivedMicros() / 1000.0, outcome.allAckedMicros() / 1000.0, outcome.acked(),
				outcome.wrongVersion() + outcome.wrongValue(), outcome.beforeResponse(), synced.subscribers(),
				synced.realApps(), control, apps, cpu.loadgenCpuMillis(), windowMillis, cpu.otherSutCpu(),
				cpu.otherLoadgenCpu());
	}

	/**
	 * Poll {@code /v1/status} until every subscriber and every real app is synced at the
	 * version, or the timeout passes; the real apps' acknowledgement times are read from
	 * their {@code lastAck}.
	 */
	private Synced awaitSynced(PolicyAdmin admin, List<SubscriberFleet.Identity> identities, Set<String> realServices,
			long version, Instant answeredAt, Duration timeout) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Map<String, PolicyAdmin.Status> status = admin.status();
			int synced = (int) identities.stream()
				.map((identity) -> status.get(identity.instanceId()))
				.filter((entry) -> entry != null && entry.syncedAt(version))
				.count();
			List<PolicyAdmin.Status> real = status.values()
				.stream()
				.filter((entry) -> entry.watching() && realServices.contains(entry.service()))
				.toList();
			boolean realSynced = real.size() >= this.realApps
					&& real.stream().allMatch((entry) -> entry.syncedAt(version));
			if ((synced == identities.size() && realSynced) || System.nanoTime() > deadline) {
				List<Double> realMillis = real.stream()
					.map((entry) -> (entry.syncedAt(version) && answeredAt != null && entry.lastAck() != null)
							? Duration.between(answeredAt, entry.lastAck()).toNanos() / 1e6 : -1.0)
					.toList();
				return new Synced(synced, realMillis);
			}
			LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
		}
	}

	private String token(String option, String environment) {
		String token = this.args.get(option, System.getenv(environment));
		if (token == null || token.isBlank()) {
			throw new IllegalArgumentException("Missing --" + option + " (or " + environment + ")");
		}
		return token;
	}

	private CpuSet cpus(String option) {
		String spec = this.args.get(option, null);
		return (spec != null) ? CpuSet.parse(spec) : null;
	}

	private record Synced(int subscribers, List<Double> realApps) {

	}

}
