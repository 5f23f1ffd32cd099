package dev.mesh.control.ca;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dev.mesh.policy.identity.SpiffeId;

/**
 * A workload's side of TLS to the control service in tests: a key with a certificate from
 * an authority, and JDK HTTP clients that trust the control service's root and present
 * that certificate (or none).
 *
 * @param key the workload's key, {@code null} for a client without a certificate
 * @param certificate its certificate, issued for the key
 */
record WorkloadTls(@Nullable KeyPair key, @Nullable IssuedCertificate certificate) {

	private static final JsonMapper json = JsonMapper.builder().build();

	static final WorkloadTls NONE = new WorkloadTls(null, null);

	static WorkloadTls issue(CertificateAuthority authority, String serviceAccount) {
		KeyPair key = TestPki.ec();
		IssuedCertificate issued = authority.issue(SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()),
				new SpiffeId(authority.trustDomain(), "default", serviceAccount));
		return new WorkloadTls(key, issued);
	}

	HttpClient client(X509Certificate root) throws Exception {
		KeyStore trust = KeyStore.getInstance("PKCS12");
		trust.load(null, null);
		trust.setCertificateEntry("root", root);
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trust);
		KeyManagerFactory keyManagers = null;
		if (this.key != null && this.certificate != null) {
			KeyStore keys = KeyStore.getInstance("PKCS12");
			keys.load(null, null);
			keys.setKeyEntry("workload", this.key.getPrivate(), "secret".toCharArray(),
					this.certificate.chain().toArray(new Certificate[0]));
			keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(keys, "secret".toCharArray());
		}
		SSLContext context = SSLContext.getInstance("TLS");
		context.init((keyManagers != null) ? keyManagers.getKeyManagers() : null, trustManagers.getTrustManagers(),
				null);
		return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(10)).build();
	}

	static HttpResponse<String> send(HttpClient client, String method, URI uri, @Nullable Object body,
			@Nullable String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/json")
			.method(method, (body != null) ? BodyPublishers.ofByteArray(json.writeValueAsBytes(body))
					: BodyPublishers.noBody());
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return client.send(request.build(), BodyHandlers.ofString());
	}

	static <T> T read(HttpResponse<String> response, Class<T> type) {
		return json.readValue(response.body(), type);
	}

}
