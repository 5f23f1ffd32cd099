package dev.mesh.mtls;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;

import org.apache.tomcat.util.net.SSLContext;

/**
 * The mesh's server context in Tomcat's terms: Tomcat uses an SSL context provided on its
 * certificate configuration instead of building one from key and trust stores, so the
 * mesh's key and trust managers decide every handshake.
 */
final class TomcatSslContext implements SSLContext {

	private final MeshTlsContexts contexts;

	TomcatSslContext(MeshTlsContexts contexts) {
		this.contexts = contexts;
	}

	@Override
	public void init(KeyManager[] keyManagers, TrustManager[] trustManagers, SecureRandom random) {
		// Already initialized with the mesh's managers
	}

	@Override
	public void destroy() {
		// Shared by every configuration of the connector; nothing to release
	}

	@Override
	public SSLSessionContext getServerSessionContext() {
		return this.contexts.server().getServerSessionContext();
	}

	@Override
	public SSLEngine createSSLEngine() {
		return this.contexts.server().createSSLEngine();
	}

	@Override
	public SSLServerSocketFactory getServerSocketFactory() {
		return this.contexts.server().getServerSocketFactory();
	}

	@Override
	public SSLParameters getSupportedSSLParameters() {
		return this.contexts.server().getSupportedSSLParameters();
	}

	@Override
	public X509Certificate[] getCertificateChain(String alias) {
		return this.contexts.identity().keyManager().getCertificateChain(alias);
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return this.contexts.trustManager().getAcceptedIssuers();
	}

}
