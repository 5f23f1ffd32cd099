package dev.mesh.mtls;

import java.security.KeyManagementException;
import java.security.SecureRandom;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * A JDK {@link SSLContext} whose engines report their handshakes to
 * {@link TlsHandshakes}, for the HTTP libraries that take an {@code SSLContext} (Tomcat,
 * the JDK's HTTP client, Netty's JDK provider). Sockets are the delegate's, unobserved.
 */
final class ObservedSslContext extends SSLContext {

	private ObservedSslContext(SSLContext delegate, TlsHandshakes handshakes) {
		super(new Spi(delegate, handshakes), delegate.getProvider(), delegate.getProtocol());
	}

	/**
	 * Create a TLS context with the given managers. Sessions are not resumed after a
	 * second, so that each new connection checks the peer's certificate again rather than
	 * trusting one checked earlier, which may have expired since.
	 * @param keyManager the key manager
	 * @param trustManager the trust manager
	 * @param handshakes where handshakes are reported
	 * @return the context
	 */
	static SSLContext create(KeyManager keyManager, TrustManager trustManager, TlsHandshakes handshakes) {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(new KeyManager[] { keyManager }, new TrustManager[] { trustManager }, null);
			context.getServerSessionContext().setSessionTimeout(1);
			context.getClientSessionContext().setSessionTimeout(1);
			return new ObservedSslContext(context, handshakes);
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot create the mesh's TLS context: " + ex.getMessage(), ex);
		}
	}

	private static final class Spi extends SSLContextSpi {

		private final SSLContext delegate;

		private final TlsHandshakes handshakes;

		Spi(SSLContext delegate, TlsHandshakes handshakes) {
			this.delegate = delegate;
			this.handshakes = handshakes;
		}

		@Override
		protected void engineInit(KeyManager[] keyManagers, TrustManager[] trustManagers, SecureRandom random)
				throws KeyManagementException {
			throw new KeyManagementException("The mesh's TLS context is initialized once, with the mesh's managers");
		}

		@Override
		protected SSLSocketFactory engineGetSocketFactory() {
			return this.delegate.getSocketFactory();
		}

		@Override
		protected SSLServerSocketFactory engineGetServerSocketFactory() {
			return this.delegate.getServerSocketFactory();
		}

		@Override
		protected SSLEngine engineCreateSSLEngine() {
			return new ObservedSslEngine(this.delegate.createSSLEngine(), this.handshakes);
		}

		@Override
		protected SSLEngine engineCreateSSLEngine(String host, int port) {
			return new ObservedSslEngine(this.delegate.createSSLEngine(host, port), this.handshakes);
		}

		@Override
		protected SSLSessionContext engineGetServerSessionContext() {
			return this.delegate.getServerSessionContext();
		}

		@Override
		protected SSLSessionContext engineGetClientSessionContext() {
			return this.delegate.getClientSessionContext();
		}

		@Override
		protected SSLParameters engineGetDefaultSSLParameters() {
			return this.delegate.getDefaultSSLParameters();
		}

		@Override
		protected SSLParameters engineGetSupportedSSLParameters() {
			return this.delegate.getSupportedSSLParameters();
		}

	}

}
