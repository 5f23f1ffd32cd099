package dev.mesh.identity;

import java.io.IOException;
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

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.mesh.core.MeshProperties;
import dev.mesh.policy.ApiError;
import dev.mesh.policy.identity.CertificateApi;
import dev.mesh.policy.identity.CertificateRequest;
import dev.mesh.policy.identity.CertificateResponse;
import dev.mesh.policy.identity.Pem;

/**
 * Client of the control service's certificate API, on the JDK's HTTP client. The
 * workload's credential (not {@code mesh.control.token}) is the bearer token.
 */
class CertificateAuthorityClient {

	private final URI baseUrl;

	private final Duration requestTimeout;

	private final HttpClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	CertificateAuthorityClient(MeshProperties.Control properties) {
		String url = properties.getUrl().toString();
		this.baseUrl = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
		this.requestTimeout = properties.getRequestTimeout();
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.getConnectTimeout())
			.build();
	}

	URI baseUrl() {
		return this.baseUrl;
	}

	/**
	 * Fetch the roots the certificate authority's certificates chain to.
	 * @return the roots
	 * @throws IOException if the control service cannot be reached or answers anything
	 * else than certificates
	 * @throws InterruptedException when interrupted
	 */
	List<X509Certificate> trustBundle() throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(this.baseUrl.resolve(CertificateApi.TRUST_BUNDLE))
			.timeout(this.requestTimeout)
			.GET()
			.build();
		HttpResponse<String> response = this.http.send(request, BodyHandlers.ofString(StandardCharsets.US_ASCII));
		if (response.statusCode() != 200) {
			throw new IOException("the control service answered HTTP " + response.statusCode() + " for "
					+ CertificateApi.TRUST_BUNDLE);
		}
		try {
			return Pem.readCertificates(response.body());
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
		HttpResponse<byte[]> response = this.http.send(request, BodyHandlers.ofByteArray());
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
