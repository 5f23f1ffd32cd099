package dev.mesh.mtls;

import java.security.KeyStore;
import java.security.Provider;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.TrustManagerFactorySpi;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.SslStoreBundle;

/**
 * The mesh's client TLS as a Spring Boot SSL bundle, for the HTTP client builders that
 * take one: its SSL context is the mesh's client context, its managers the mesh's key and
 * trust managers. It has no stores: the key lives in the workload's identity.
 */
final class MeshClientSslBundle implements SslBundle {

	private static final Provider PROVIDER = new Provider("mesh", "1", "the mesh's key and trust managers") {

	};

	private final MeshTlsContexts contexts;

	MeshClientSslBundle(MeshTlsContexts contexts) {
		this.contexts = contexts;
	}

	@Override
	public SslStoreBundle getStores() {
		return SslStoreBundle.NONE;
	}

	@Override
	public SslBundleKey getKey() {
		return SslBundleKey.NONE;
	}

	@Override
	public SslOptions getOptions() {
		return SslOptions.NONE;
	}

	@Override
	public String getProtocol() {
		return "TLS";
	}

	@Override
	public SslManagerBundle getManagers() {
		KeyManager keyManager = this.contexts.identity().keyManager();
		TrustManager trustManager = this.contexts.trustManager();
		return SslManagerBundle.of(new FixedKeyManagerFactory(keyManager), new FixedTrustManagerFactory(trustManager));
	}

	@Override
	public SSLContext createSslContext() {
		return this.contexts.client();
	}

	private static final class FixedKeyManagerFactory extends KeyManagerFactory {

		FixedKeyManagerFactory(KeyManager keyManager) {
			super(new KeyManagerFactorySpi() {

				@Override
				protected void engineInit(KeyStore keyStore, char[] password) {
				}

				@Override
				protected void engineInit(ManagerFactoryParameters parameters) {
				}

				@Override
				protected KeyManager[] engineGetKeyManagers() {
					return new KeyManager[] { keyManager };
				}

			}, PROVIDER, "mesh");
		}

	}

	private static final class FixedTrustManagerFactory extends TrustManagerFactory {

		FixedTrustManagerFactory(TrustManager trustManager) {
			super(new TrustManagerFactorySpi() {

				@Override
				protected void engineInit(KeyStore keyStore) {
				}

				@Override
				protected void engineInit(ManagerFactoryParameters parameters) {
				}

				@Override
				protected TrustManager[] engineGetTrustManagers() {
					return new TrustManager[] { trustManager };
				}

			}, PROVIDER, "mesh");
		}

	}

}
