package dev.mesh.mtls;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import dev.mesh.identity.MeshIdentity;
import dev.mesh.policy.identity.SpiffeId;
import dev.mesh.policy.identity.WorkloadCertificates;
import dev.mesh.policy.identity.WorkloadCertificates.Role;

/**
 * Checks peer certificates with the mesh's rules at every handshake, against the trust
 * bundle of the workload's current credential and the clock: the leaf has exactly one URI
 * SAN, a SPIFFE ID of this trust domain, {@code CA:false} and the key usages of its role,
 * on a chain that leads to a mesh root and is valid now. A server's certificate must also
 * name the identity the destination is expected to have ({@link ExpectedPeers}), not
 * merely be signed by the mesh's CA. Every refusal is a {@link MeshCertificateException}
 * with its reason.
 */
class MeshTrustManager extends X509ExtendedTrustManager {

	private final Supplier<List<X509Certificate>> roots;

	private final String trustDomain;

	private final ExpectedPeers peers;

	private final Clock clock;

	/**
	 * Create a trust manager.
	 * @param roots the trusted roots now, {@code null} before there are any
	 * @param trustDomain the trust domain of every peer
	 * @param peers the identities a server may have
	 * @param clock the clock certificates must be valid at
	 */
	MeshTrustManager(Supplier<List<X509Certificate>> roots, String trustDomain, ExpectedPeers peers, Clock clock) {
		this.roots = roots;
		this.trustDomain = trustDomain;
		this.peers = peers;
		this.clock = clock;
	}

	/**
	 * Create a trust manager over the trust bundle of a workload's current credential.
	 * @param identity the workload's identity
	 * @param peers the identities a server may have
	 * @param clock the clock certificates must be valid at
	 * @return the trust manager
	 */
	static MeshTrustManager of(MeshIdentity identity, ExpectedPeers peers, Clock clock) {
		return new MeshTrustManager(() -> {
			MeshIdentity.Credential current = identity.current();
			return (current != null) ? current.trustBundle() : null;
		}, identity.spiffeId().trustDomain(), peers, clock);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		verify(chain, Role.CLIENT);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		verify(chain, Role.CLIENT);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		verify(chain, Role.CLIENT);
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		InetSocketAddress remote = (socket != null && socket.getRemoteSocketAddress() instanceof InetSocketAddress a)
				? a : null;
		checkServer(chain, (remote != null) ? remote.getHostString() : null, (remote != null) ? remote.getPort() : -1);
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		checkServer(chain, (engine != null) ? engine.getPeerHost() : null,
				(engine != null) ? engine.getPeerPort() : -1);
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		checkServer(chain, null, -1);
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		List<X509Certificate> current = this.roots.get();
		return (current != null) ? current.toArray(new X509Certificate[0]) : new X509Certificate[0];
	}

	private void checkServer(X509Certificate[] chain, String host, int port) throws CertificateException {
		SpiffeId id = verify(chain, Role.SERVER);
		ExpectedPeers.Expected peer = (host != null && port > 0) ? this.peers.expected(host, port)
				: ExpectedPeers.Expected.UNKNOWN;
		Set<SpiffeId> expected = peer.identities();
		if (expected.isEmpty()) {
			String reason = (peer.reason() != null) ? peer.reason() : "unknown-destination";
			throw new MeshCertificateException(reason,
					"Cannot check that " + id + " at " + host + ":" + port + " is the destination: " + peer.detail(),
					null);
		}
		if (!expected.contains(id)) {
			throw new MeshCertificateException("wrong-identity",
					"The server at " + host + ":" + port + " is " + id + ", not " + describe(expected), null);
		}
	}

	private SpiffeId verify(X509Certificate[] chain, Role role) throws CertificateException {
		List<X509Certificate> trusted = this.roots.get();
		if (trusted == null || trusted.isEmpty()) {
			throw new MeshCertificateException("no-identity", "This workload has no trust bundle yet", null);
		}
		if (chain == null || chain.length == 0) {
			throw new MeshCertificateException("bad-leaf", "The peer sent no certificate", null);
		}
		String trustDomain = this.trustDomain;
		SpiffeId id;
		try {
			id = WorkloadCertificates.spiffeId(chain[0]);
		}
		catch (CertificateException ex) {
			throw new MeshCertificateException("bad-leaf", ex.getMessage(), ex);
		}
		if (!id.isMemberOf(trustDomain)) {
			throw new MeshCertificateException("foreign-trust-domain",
					"The peer " + id + " is not in trust domain " + trustDomain, null);
		}
		List<X509Certificate> path = Arrays.asList(chain);
		try {
			return WorkloadCertificates.verify(path, trusted, trustDomain, role, this.clock.instant());
		}
		catch (CertificateException ex) {
			throw new MeshCertificateException(reason(ex), ex.getMessage(), ex);
		}
	}

	private static String reason(CertificateException ex) {
		if (ex.getCause() instanceof CertPathValidatorException invalid) {
			if (invalid.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
				return "expired";
			}
			if (invalid.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
				return "not-yet-valid";
			}
			return "untrusted";
		}
		return "bad-leaf";
	}

	private static String describe(Set<SpiffeId> expected) {
		return (expected.size() == 1) ? expected.iterator().next().toString() : "one of " + expected;
	}

}
