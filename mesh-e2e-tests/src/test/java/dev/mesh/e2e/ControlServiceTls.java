package dev.mesh.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import tools.jackson.databind.json.JsonMapper;

import dev.mesh.policy.identity.CertificateApi;
import dev.mesh.policy.identity.JoinToken;
import dev.mesh.policy.identity.Pem;

/**
 * The outside view of a control service that serves TLS, as an operator has it: the root
 * read from the data directory (distributed out of band, as in production), a client that
 * trusts only that root, and join tokens minted through the admin API.
 */
final class ControlServiceTls {

	private static final Pattern CERTIFICATE = Pattern
		.compile("-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----\\s*");

	private ControlServiceTls() {
	}

	/**
	 * Read the root the control service generated in its data directory.
	 * @param dataDirectory the control service's data directory
	 * @return the root certificate
	 */
	static X509Certificate root(Path dataDirectory) throws IOException, GeneralSecurityException {
		// The file holds the root's key as well: only its certificate is read
		Matcher certificate = CERTIFICATE.matcher(Files.readString(dataDirectory.resolve("ca/root-ca.pem")));
		if (!certificate.find()) {
			throw new IOException("no root certificate in " + dataDirectory + " yet");
		}
		return Pem.readCertificates(certificate.group()).get(0);
	}

	/**
	 * Write a trust bundle file for {@code mesh.identity.trust-bundle}.
	 * @param root the root
	 * @param file the file
	 * @return the file
	 */
	static Path trustBundle(X509Certificate root, Path file) throws IOException {
		Files.createDirectories(file.getParent());
		Files.writeString(file, Pem.encodeCertificates(List.of(root)));
		return file;
	}

	/**
	 * Return an HTTP client that trusts only the root, with host name verification.
	 * @param root the root
	 * @return the client
	 */
	static HttpClient client(X509Certificate root) throws IOException, GeneralSecurityException {
		KeyStore trustStore = KeyStore.getInstance("PKCS12");
		trustStore.load(null, null);
		trustStore.setCertificateEntry("mesh-root", root);
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trustStore);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.sslContext(context)
			.build();
	}

	/**
	 * Mint a join token for a service account in the default namespace.
	 * @param http a client trusting the root
	 * @param base the control service's base URL
	 * @param adminToken the admin token
	 * @param serviceAccount the service account (the service name)
	 * @return the token
	 */
	static String mintJoinToken(HttpClient http, URI base, String adminToken, String serviceAccount)
			throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(CertificateApi.JOIN_TOKENS))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", "Bearer " + adminToken)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"serviceAccount\": \"" + serviceAccount + "\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 201) {
			throw new IOException("minting a join token for " + serviceAccount + " answered " + response.statusCode()
					+ ": " + response.body());
		}
		return JsonMapper.builder().build().readValue(response.body(), JoinToken.class).token();
	}

}
