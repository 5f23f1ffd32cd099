package dev.mesh.mtls;

import java.time.Clock;

import javax.net.ssl.SSLContext;

import dev.mesh.identity.MeshIdentity;

/**
 * The mesh's TLS contexts, each built once over the workload's
 * {@link MeshIdentity#keyManager() current key} and a {@link MeshTrustManager}, so a
 * renewed certificate needs no new context: new connections present it, established ones
 * keep theirs.
 */
class MeshTlsContexts {

	private final MeshIdentity identity;

	private final MeshTrustManager trustManager;

	private final TlsHandshakes handshakes;

	private volatile SSLContext server;

	private volatile SSLContext client;

	MeshTlsContexts(MeshIdentity identity, ExpectedPeers peers, TlsHandshakes handshakes, Clock clock) {
		this.identity = identity;
		this.trustManager = MeshTrustManager.of(identity, peers, clock);
		this.handshakes = handshakes;
	}

	MeshIdentity identity() {
		return this.identity;
	}

	MeshTrustManager trustManager() {
		return this.trustManager;
	}

	/**
	 * Return the JDK context of servers; whether a client certificate is required is the
	 * server's setting.
	 * @return the context
	 */
	synchronized SSLContext server() {
		if (this.server == null) {
			this.server = ObservedSslContext.create(this.identity.keyManager(), this.trustManager, this.handshakes);
		}
		return this.server;
	}

	/**
	 * Return the JDK context of clients: presents the workload's certificate and checks
	 * the server against the destination's identity.
	 * @return the context
	 */
	synchronized SSLContext client() {
		if (this.client == null) {
			this.client = ObservedSslContext.create(this.identity.keyManager(), this.trustManager, this.handshakes);
		}
		return this.client;
	}

}
