package dev.mesh.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import org.springframework.boot.ssl.SslBundle;

import dev.mesh.core.MeshProperties;
import dev.mesh.policy.identity.Pem;

/**
 * TLS to the control service for a workload with an identity: every call goes over HTTPS,
 * the control service's certificate must chain to the mesh's trust bundle (never the
 * JDK's CAs) and name the host of {@code mesh.control.url}, and, once this workload has a
 * certificate that is valid now, it is presented as the client certificate. The trust
 * bundle is {@code mesh.identity.trust-bundle}, or, without it, the root fetched once
 * from {@code /v1/trust-bundle} over a connection that is not verified (trust on first
 * use) and pinned for the life of the process.
 * <p>
 * A new credential takes effect for new connections: {@link #client()} then answers a new
 * HTTP client, while streams opened earlier keep the connection (and the certificate)
 * they were opened with until they reconnect. An expired certificate is not presented, so
 * that a workload whose certificate ran out can still renew it with its join token; the
 * control service then refuses its other calls until it has.
 */
public final class ControlPlaneTls {

	private final URI baseUrl;

	private final Duration connectTimeout;

	private final Clock clock;

	private volatile List<X509Certificate> roots;

	private volatile HttpClient trusting;

	private volatile Presenting presenting;

	ControlPlaneTls(MeshProperties.Control control, Path trustBundle, Clock clock) {
		URI url = control.getUrl();
		if (!"https".equalsIgnoreCase(url.getScheme())) {
			throw new IllegalStateException("'mesh.control.url' must be an https URL when mesh.identity.enabled is "
					+ "true, not " + url + ": the credential and the certificate requests would travel in plain "
					+ "text, and the control service needs this workload's certificate, which only TLS carries");
		}
		this.baseUrl = url;
		this.connectTimeout = control.getConnectTimeout();
		this.clock = clock;
		if (trustBundle != null) {
			pin(read(trustBundle));
		}
	}

	/**
	 * Return the HTTP client for the next call to the control service: verifying the
	 * control service against the trust bundle and presenting this workload's certificate
	 * if it has one that is valid now.
	 * @return the client
	 * @throws UncheckedIOException before the trust bundle is known
	 */
	public HttpClient client() {
		Presenting current = this.presenting;
		Instant now = this.clock.instant();
		if (current != null && !now.isBefore(current.notBefore()) && now.isBefore(current.notAfter())) {
			return current.client();
		}
		HttpClient client = this.trusting;
		if (client == null) {
			throw new UncheckedIOException(new IOException("no trusted root for the control service at " + this.baseUrl
					+ " yet: set 'mesh.identity.trust-bundle'"));
		}
		return client;
	}

	/**
	 * Return whether the trust bundle is known: configured, or pinned on first use.
	 * @return whether it is
	 */
	boolean hasTrustBundle() {
		return this.roots != null;
	}

	/**
	 * Return the trusted roots.
	 * @return the roots, {@code null} before they are known
	 */
	List<X509Certificate> roots() {
		return this.roots;
	}

	/**
	 * Return an HTTP client that accepts any server certificate, for the one request that
	 * fetches the trust bundle on first use.
	 * @return the client
	 */
	HttpClient unverifiedClient() {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, new UnverifiedTrustManager[] { new UnverifiedTrustManager() }, null);
			return builder(context).build();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot create a TLS context", ex);
		}
	}

	/**
	 * Trust these roots from now on.
	 * @param trusted the roots
	 */
	synchronized void pin(List<X509Certificate> trusted) {
		if (trusted.isEmpty()) {
			throw new IllegalArgumentException("The trust bundle holds no certificate");
		}
		this.roots = List.copyOf(trusted);
		this.trusting = build(null);
	}

	/**
	 * Present a new credential on new connections.
	 * @param bundle the SSL bundle holding the credential's key
	 * @param credential the credential
	 */
	synchronized void present(SslBundle bundle, MeshIdentity.Credential credential) {
		HttpClient client = build(bundle.getManagers().getKeyManagers());
		this.presenting = new Presenting(client, credential.certificate().getNotBefore().toInstant(),
				credential.notAfter());
	}

	private HttpClient build(KeyManager[] keyManagers) {
		try {
			KeyStore trustStore = KeyStore.getInstance("PKCS12");
			trustStore.load(null, null);
			for (int i = 0; i < this.roots.size(); i++) {
				trustStore.setCertificateEntry("mesh-root-" + i, this.roots.get(i));
			}
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trustStore);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keyManagers, trust.getTrustManagers(), null);
			SSLParameters parameters = context.getDefaultSSLParameters();
			// Whatever jdk.internal.httpclient.disableHostnameVerification says
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			return builder(context).sslParameters(parameters).build();
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("Cannot create the TLS context for the control service", ex);
		}
	}

	private HttpClient.Builder builder(SSLContext context) {
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(this.connectTimeout)
			.sslContext(context);
	}

	/**
	 * Explain a failed TLS handshake with the control service.
	 * @param url the control service's URL
	 * @param ex the failure
	 * @return an exception naming what must hold
	 */
	public static IOException handshakeFailed(URI url, SSLException ex) {
		return new IOException("TLS handshake with the control service at " + url + " failed: its certificate must "
				+ "chain to the trusted root (mesh.identity.trust-bundle, or the root pinned on first use) and name "
				+ "the host " + url.getHost() + ", and a client certificate it is sent must be from the same root ("
				+ ex.getMessage() + ")", ex);
	}

	/**
	 * Return the SHA-256 fingerprint of a certificate, as
	 * {@code openssl x509 -fingerprint
	 * -sha256} prints it.
	 * @param certificate the certificate
	 * @return the fingerprint
	 */
	static String fingerprint(X509Certificate certificate) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
			return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot compute a SHA-256 fingerprint", ex);
		}
	}

	private static List<X509Certificate> read(Path file) {
		try {
			List<X509Certificate> certificates = Pem
				.readCertificates(Files.readString(file, StandardCharsets.US_ASCII));
			if (certificates.isEmpty()) {
				throw new CertificateException("no certificate in it");
			}
			return certificates;
		}
		catch (IOException | CertificateException ex) {
			throw new IllegalStateException(
					"'mesh.identity.trust-bundle' " + file + " is not a readable PEM file: " + ex.getMessage(), ex);
		}
	}

	private record Presenting(HttpClient client, Instant notBefore, Instant notAfter) {

	}

}
