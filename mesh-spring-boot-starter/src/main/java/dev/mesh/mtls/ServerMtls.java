package dev.mesh.mtls;

import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.mesh.core.AppliedPolicy;
import dev.mesh.core.MeshPolicyState;
import dev.mesh.policy.spec.MeshPolicy;
import dev.mesh.policy.spec.Mtls;
import dev.mesh.policy.spec.MtlsMode;

/**
 * The mutual TLS mode of this workload's server: the mode the policy asks for
 * ({@code mesh.inbound.mtls.mode}, else the mesh-wide {@code mesh.security.mtls.mode},
 * else {@code STRICT} with a workload identity and {@code DISABLED} without one) and the
 * mode the server really runs in. The embedded server's {@link Server adapter} applies
 * each change it can apply to new connections; a change it cannot apply without a restart
 * is logged and shown as pending, never silently ignored.
 */
public class ServerMtls {

	private static final Log logger = LogFactory.getLog(ServerMtls.class);

	private final boolean identity;

	private final TlsHandshakes handshakes;

	private Server server;

	private volatile Status status;

	ServerMtls(MeshPolicyState policy, boolean identity, TlsHandshakes handshakes) {
		this.identity = identity;
		this.handshakes = handshakes;
		MtlsMode requested = requested(policy.current().policy());
		this.status = initial(requested);
		policy.addListener(this::policyChanged);
	}

	/**
	 * Return the current status.
	 * @return the status
	 */
	public Status status() {
		Status current = this.status;
		Server attached = this.server;
		Integer port = (attached != null) ? attached.plaintextPort() : null;
		return new Status(current.mode(), current.requested(), current.pending(), current.server(), port);
	}

	/**
	 * Return the handshakes of the mesh's connections, both sides.
	 * @return the handshake counts
	 */
	public TlsHandshakes handshakes() {
		return this.handshakes;
	}

	/**
	 * Return the mode the server runs in now.
	 * @return the mode
	 */
	public MtlsMode mode() {
		return this.status.mode();
	}

	/**
	 * Attach the embedded server's adapter, which serves the current mode from now on.
	 * @param server the adapter
	 * @param name the server's name, for the status
	 */
	synchronized void attach(Server server, String name) {
		this.server = server;
		Status current = this.status;
		this.status = new Status(current.mode(), current.requested(), current.pending(), name, null);
	}

	private Status initial(MtlsMode requested) {
		if (!this.identity && requested != MtlsMode.DISABLED) {
			return new Status(MtlsMode.DISABLED, requested,
					"mesh.identity.enabled is false: there is no certificate to serve mTLS with", "none", null);
		}
		return new Status(requested, requested, null, "none", null);
	}

	/**
	 * Fail when the started server is not one whose mTLS modes the mesh serves, unless
	 * the mode is DISABLED: it would serve plaintext while the policy asks for mTLS.
	 * @param server the started server, for the message
	 */
	void checkServed(String server) {
		if (this.server == null && this.status.mode() != MtlsMode.DISABLED) {
			throw new IllegalStateException("The server's mTLS mode is " + this.status.mode() + " but " + server
					+ " is not a server the mesh configures (Tomcat, Reactor Netty); set "
					+ "'mesh.inbound.mtls.mode=DISABLED' to serve it without mTLS");
		}
	}

	private synchronized void policyChanged(AppliedPolicy applied) {
		MtlsMode requested = requested(applied.policy());
		Status current = this.status;
		if (requested == current.requested()) {
			return;
		}
		if (!this.identity) {
			this.status = initial(requested);
			return;
		}
		if (this.server == null) {
			this.status = new Status(requested, requested, null, current.server(), null);
			return;
		}
		String refusal = this.server.apply(current.mode(), requested);
		if (refusal == null) {
			this.status = new Status(requested, requested, null, current.server(), null);
			logger.info("Server mTLS mode is now " + requested + " for new connections (was " + current.mode() + ")");
		}
		else {
			this.status = new Status(current.mode(), requested, refusal, current.server(), null);
			logger
				.warn("Server mTLS mode " + requested + " requested, still serving " + current.mode() + ": " + refusal);
		}
	}

	private MtlsMode requested(MeshPolicy policy) {
		MtlsMode service = (policy.getInbound() != null) ? mode(policy.getInbound().getMtls()) : null;
		if (service != null) {
			return service;
		}
		MtlsMode mesh = (policy.getSecurity() != null) ? mode(policy.getSecurity().getMtls()) : null;
		if (mesh != null) {
			return mesh;
		}
		return this.identity ? MtlsMode.STRICT : MtlsMode.DISABLED;
	}

	private static MtlsMode mode(Mtls mtls) {
		return (mtls != null) ? mtls.getMode() : null;
	}

	/**
	 * Return the registration metadata of the current mode.
	 * @return the metadata
	 */
	Map<String, String> metadata() {
		Status current = status();
		if (current.plaintextPort() != null && current.mode() == MtlsMode.PERMISSIVE) {
			return Map.of(MtlsMetadata.MODE, current.mode().name(), MtlsMetadata.PLAINTEXT_PORT,
					String.valueOf(current.plaintextPort()));
		}
		return Map.of(MtlsMetadata.MODE, current.mode().name());
	}

	/**
	 * The embedded server's side: applies modes to new connections.
	 */
	interface Server {

		/**
		 * Apply a mode to new connections.
		 * @param from the mode served now
		 * @param to the mode requested
		 * @return {@code null} when applied, else why it cannot be without a restart
		 */
		String apply(MtlsMode from, MtlsMode to);

		/**
		 * Return the port of the plaintext connector serving PERMISSIVE mode, if any.
		 * @return the bound port, {@code null} without one
		 */
		Integer plaintextPort();

	}

	/**
	 * The server's mutual TLS mode.
	 *
	 * @param mode the mode new connections get
	 * @param requested the mode the policy asks for
	 * @param pending why the requested mode is not served, {@code null} when it is
	 * @param server the embedded server applying it: {@code tomcat}, {@code netty} or
	 * {@code none}
	 * @param plaintextPort the port of the second, plaintext connector in PERMISSIVE mode
	 * on Tomcat
	 */
	public record Status(MtlsMode mode, MtlsMode requested, String pending, String server, Integer plaintextPort) {

	}

}
