package dev.mesh.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLHandshakeException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.mesh.core.MeshProperties;
import dev.mesh.policy.ApiError;
import dev.mesh.policy.identity.CertificateApi;
import dev.mesh.policy.identity.CertificateRequest;
import dev.mesh.policy.identity.CertificateResponse;
import dev.mesh.policy.identity.Pem;

/**
 * Client of the control service's certificate API, on the JDK's HTTP client over
 * {@link ControlPlaneTls}: the control service is verified against the trust bundle, and
 * a renewal presents the current certificate while it is valid. The workload's credential
 * (not {@code mesh.control.token}) is the bearer token.
 */
class CertificateAuthorityClient {

	private static final Log logger = LogFactory.getLog(CertificateAuthorityClient.class);

	private final URI baseUrl;

	private final Duration requestTimeout;

	private final ControlPlaneTls tls;

	private final JsonMapper json = JsonMapper.builder().build();

	CertificateAuthorityClient(MeshProperties.Control properties, ControlPlaneTls tls) {
		String url = properties.getUrl().toString();
		this.baseUrl = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
		this.requestTimeout = properties.getRequestTimeout();
		this.tls = tls;
	}

	URI baseUrl() {
		return this.baseUrl;
	}

	/**
	 * Return the roots the certificate authority's certificates chain to: the configured
	 * trust bundle, or, on first use, the one the control service answers over a
	 * connection that is not verified, pinned from then on.
	 * @return the roots
	 * @throws IOException if the control service cannot be reached or answers anything
	 * else than certificates
	 * @throws InterruptedException when interrupted
	 */
	List<X509Certificate> trustBundle() throws IOException, InterruptedException {
		if (this.tls.hasTrustBundle()) {
			return this.tls.roots();
		}
		List<X509Certificate> roots = fetchTrustBundle(this.tls.unverifiedClient());
		this.tls.pin(roots);
		logger.warn("Trust on first use: the control service at " + this.baseUrl + " was NOT verified for the "
				+ "request that fetched its trust bundle, so whoever answered it decides what this workload trusts; "
				+ "pinned root " + roots.get(0).getSubjectX500Principal().getName() + " (SHA-256 "
				+ ControlPlaneTls.fingerprint(roots.get(0)) + ") for every later call. Compare the fingerprint "
				+ "with the control service's root, and set 'mesh.identity.trust-bundle' to its PEM file in "
				+ "production");
		return roots;
	}

	private List<X509Certificate> fetchTrustBundle(HttpClient http) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(this.baseUrl.resolve(CertificateApi.TRUST_BUNDLE))
			.timeout(this.requestTimeout)
			.GET()
			.build();
		HttpResponse<String> response = http.send(request, BodyHandlers.ofString(StandardCharsets.US_ASCII));
		if (response.statusCode() != 200) {
			throw new IOException("the control service answered HTTP " + response.statusCode() + " for "
					+ CertificateApi.TRUST_BUNDLE);
		}
		try {
			List<X509Certificate> roots = Pem.readCertificates(response.body());
			if (roots.isEmpty()) {
				throw new CertificateException("no certificate in it");
			}
			return roots;
		}
		catch (CertificateException ex) {
			throw new IOException("unreadable trust bundle from the control service: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Ask for a certificate.
	 * @param csr the PKCS#10 request in PEM
	 * @param credential the join token or service-account token
	 * @return the answer
	 * @throws IOException if the control service cannot be reached or refuses, with its
	 * reason
	 * @throws InterruptedException when interrupted
	 */
	CertificateResponse sign(String csr, String credential) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(this.baseUrl.resolve(CertificateApi.CERTIFICATES))
			.timeout(this.requestTimeout)
			.header("Authorization", "Bearer " + credential)
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofByteArray(this.json.writeValueAsBytes(new CertificateRequest(csr))))
			.build();
		HttpResponse<byte[]> response;
		try {
			response = this.tls.client().send(request, BodyHandlers.ofByteArray());
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		catch (SSLHandshakeException ex) {
			throw ControlPlaneTls.handshakeFailed(this.baseUrl, ex);
		}
		catch (ConnectException ex) {
			// The JDK's client says nothing more than the exception's class
			throw new IOException("cannot connect to the control service (" + ex + ")", ex);
		}
		if (response.statusCode() != 200 && response.statusCode() != 201) {
			throw new IOException("the certificate authority refused the request (HTTP " + response.statusCode() + "): "
					+ reason(response.body()));
		}
		try {
			return this.json.readValue(response.body(), CertificateResponse.class);
		}
		catch (JacksonException ex) {
			throw new IOException("unreadable answer from the certificate authority: " + ex.getOriginalMessage(), ex);
		}
	}

	private String reason(byte[] body) {
		try {
			ApiError error = this.json.readValue(body, ApiError.class);
			return error.error() + ": " + error.message();
		}
		catch (JacksonException ex) {
			return "no error body";
		}
	}

}
