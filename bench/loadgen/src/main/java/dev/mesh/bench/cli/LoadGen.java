package dev.mesh.bench.cli;

import java.nio.file.Path;

import dev.mesh.bench.report.ReportCommand;

/**
 * The load generator's command line, driven by {@code bench/run}.
 * <ul>
 * <li>{@code warmup}: a path's warm-up, until its CPU per request is steady</li>
 * <li>{@code run}: one repetition of one target at fixed rates (open loop), and its
 * maximum throughput with wrk</li>
 * <li>{@code memory}: an app's memory after load and a full GC</li>
 * <li>{@code startup}: an app's time to ready</li>
 * <li>{@code failover}: one backend instance killed with {@code SIGKILL} under a fixed
 * rate, and every request that failed</li>
 * <li>{@code propagation}: how long a policy write takes to reach N subscribers</li>
 * <li>{@code reload}: how long {@code nginx -s reload} takes to apply a new split</li>
 * <li>{@code handshake}: full mTLS handshakes per server CPU-second, with
 * {@code openssl s_time}</li>
 * <li>{@code tls-server}: a bare JDK TLS server requiring client certificates</li>
 * <li>{@code report}: the report of a results folder</li>
 * </ul>
 */
public final class LoadGen {

	private LoadGen() {
	}

	public static void main(String[] argv) {
		int status;
		try {
			Args args = Args.parse(argv);
			switch (args.command()) {
				case "run" -> new RunCommand(args).run();
				case "warmup" -> new WarmupCommand(args).run();
				case "memory" -> new MemoryCommand(args).run();
				case "startup" -> new StartupCommand(args).run();
				case "failover" -> new FailoverCommand(args).run();
				case "propagation" -> new PropagationCommand(args).run();
				case "reload" -> new ReloadCommand(args).run();
				case "handshake" -> new HandshakeCommand(args).run();
				case "tls-server" -> new TlsServerCommand(args).run();
				case "report" -> ReportCommand.write(Path.of(args.required("results")));
				default -> throw new IllegalArgumentException("Unknown command '" + args.command() + "'");
			}
			status = 0;
		}
		catch (IllegalArgumentException ex) {
			Console.err.println("[loadgen] " + ex.getMessage());
			Console.err.println(
					"[loadgen] usage: loadgen warmup|run|memory|startup|failover|propagation|reload|handshake|tls-server|report --option value ...");
			status = 2;
		}
		catch (Exception ex) {
			Console.err.println("[loadgen] failed: " + ex);
			ex.printStackTrace(Console.err);
			status = 1;
		}
		System.exit(status);
	}

}
