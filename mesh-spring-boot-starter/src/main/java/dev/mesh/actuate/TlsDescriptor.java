package dev.mesh.actuate;

import java.util.Map;

import dev.mesh.mtls.ServerMtls;
import dev.mesh.mtls.TlsHandshakes;

/**
 * Mutual TLS of this workload: its server's mode and the handshakes of its connections.
 *
 * @param mode the mode new connections get: {@code STRICT}, {@code PERMISSIVE} or
 * {@code DISABLED}
 * @param requested the mode the policy asks for
 * @param pending why the requested mode is not served (a restart is needed, a setting is
 * missing), {@code null} when it is
 * @param server the embedded server serving it: {@code tomcat}, {@code netty} or
 * {@code none}
 * @param plaintextPort the plaintext connector's port in PERMISSIVE mode on Tomcat
 * @param client handshakes of the connections this workload opened
 * @param serverHandshakes handshakes of the connections it accepted
 */
public record TlsDescriptor(String mode, String requested, String pending, String server, Integer plaintextPort,
		Handshakes client, Handshakes serverHandshakes) {

	static TlsDescriptor of(ServerMtls mtls) {
		if (mtls == null) {
			return new TlsDescriptor("DISABLED", "DISABLED", null, "none", null, Handshakes.NONE, Handshakes.NONE);
		}
		ServerMtls.Status status = mtls.status();
		TlsHandshakes handshakes = mtls.handshakes();
		return new TlsDescriptor(status.mode().name(), status.requested().name(), status.pending(), status.server(),
				status.plaintextPort(), Handshakes.of(handshakes, TlsHandshakes.Side.CLIENT),
				Handshakes.of(handshakes, TlsHandshakes.Side.SERVER));
	}

	/**
	 * Handshakes of one side.
	 *
	 * @param ok completed handshakes
	 * @param failed failed handshakes
	 * @param failures failed handshakes by reason
	 */
	public record Handshakes(long ok, long failed, Map<String, Long> failures) {

		static final Handshakes NONE = new Handshakes(0, 0, Map.of());

		static Handshakes of(TlsHandshakes handshakes, TlsHandshakes.Side side) {
			return new Handshakes(handshakes.count(side, "ok"), handshakes.count(side, "failed"),
					handshakes.failures(side));
		}

	}

}
