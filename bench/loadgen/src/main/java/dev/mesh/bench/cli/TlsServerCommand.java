package dev.mesh.bench.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import dev.mesh.bench.handshake.PemCredentials;
import dev.mesh.bench.handshake.TlsServer;

/**
 * {@code tls-server}: the bare JDK TLS server of the handshake suite, until the process
 * is stopped. The harness starts it on the system under test's CPU.
 */
final class TlsServerCommand {

	private final Args args;

	TlsServerCommand(Args args) {
		this.args = args;
	}

	void run() throws Exception {
		List<String> protocols = list(this.args.get("protocols", "TLSv1.3,TLSv1.2"));
		List<String> suites = list(
				this.args.get("cipher-suites", "TLS_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));
		try (TlsServer server = new TlsServer(
				PemCredentials.context(Path.of(this.args.required("cert")), Path.of(this.args.required("key")),
						Path.of(this.args.required("ca"))),
				this.args.intValue("port", 0), protocols, suites, this.args.intValue("body-size", 1024))) {
			server.start(this.args.intValue("threads", 4));
			Console.say("tls-server on 127.0.0.1:%d, client certificates required, %s, %s", server.port(), protocols,
					suites);
			Runtime.getRuntime()
				.addShutdownHook(new Thread(() -> Console.say("tls-server: %d connections answered, %d failed",
						server.served(), server.failed())));
			Thread.currentThread().join();
		}
	}

	private static List<String> list(String text) {
		return Arrays.stream(text.split(",")).map(String::trim).filter((value) -> !value.isEmpty()).toList();
	}

}
