package dev.mesh.identity;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents the workload's current certificate and key, whichever they are when a
 * handshake asks. The alias names the certificate's serial number, and the certificate
 * before the current one is still found by its alias, so a handshake that chose its alias
 * just before a renewal gets a matching key and chain.
 */
final class CurrentKeyManager extends X509ExtendedKeyManager {

	private final MeshIdentity identity;

	CurrentKeyManager(MeshIdentity identity) {
		this.identity = identity;
	}

	@Override
	public String[] getClientAliases(String keyType, Principal[] issuers) {
		String alias = alias(keyType);
		return (alias != null) ? new String[] { alias } : null;
	}

	@Override
	public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
		return alias(keyTypes);
	}

	@Override
	public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
		return alias(keyTypes);
	}

	@Override
	public String[] getServerAliases(String keyType, Principal[] issuers) {
		return getClientAliases(keyType, issuers);
	}

	@Override
	public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
		return alias(keyType);
	}

	@Override
	public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
		return alias(keyType);
	}

	@Override
	public X509Certificate[] getCertificateChain(String alias) {
		MeshIdentity.Issued issued = this.identity.issued(alias);
		return (issued != null) ? issued.credential().certificateChain().toArray(new X509Certificate[0]) : null;
	}

	@Override
	public PrivateKey getPrivateKey(String alias) {
		MeshIdentity.Issued issued = this.identity.issued(alias);
		return (issued != null) ? issued.privateKey() : null;
	}

	private String alias(String... keyTypes) {
		MeshIdentity.Issued current = this.identity.issued();
		if (current == null || keyTypes == null) {
			return null;
		}
		String algorithm = current.privateKey().getAlgorithm();
		for (String keyType : keyTypes) {
			if (algorithm.equals(keyType)) {
				return current.alias();
			}
		}
		return null;
	}

}
