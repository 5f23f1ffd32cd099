package dev.mesh.gateway;

import java.math.BigInteger;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS termination with an SSL bundle: the handshake presents the bundle's certificate,
 * and the request goes on to the backend.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mesh.control.enabled=false", "server.ssl.bundle=edge",
				"spring.cloud.gateway.server.webflux.routes[0].id=tls-storefront",
				"spring.cloud.gateway.server.webflux.routes[0].uri=lb://storefront",
				"spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/api/**",
				"spring.cloud.gateway.server.webflux.routes[0].filters[0]=StripPrefix=1" })
class EdgeTlsIntegrationTests {

	private static final KeyPair KEY = keyPair();

	private static final X509Certificate CERTIFICATE = selfSigned(KEY);

	private static Backend storefront;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void edgeBundleAndBackend(DynamicPropertyRegistry registry) throws Exception {
		storefront = Backend.start("storefront@v1");
		registry.add("spring.ssl.bundle.pem.edge.keystore.certificate", () -> pem("CERTIFICATE", encoded(CERTIFICATE)));
		registry.add("spring.ssl.bundle.pem.edge.keystore.private-key",
				() -> pem("PRIVATE KEY", KEY.getPrivate().getEncoded()));
		registry.add("mesh.discovery.static.services.storefront[0].url", storefront::url);
	}

	@AfterAll
	static void stopBackend() {
		storefront.close();
	}

	@Test
	void presentsTheCertificateOfTheConfiguredBundle() throws Exception {
		Capturing trust = new Capturing();
		try (Socket socket = context(trust).getSocketFactory().createSocket("127.0.0.1", this.port)) {
			SSLSocket tls = (SSLSocket) socket;
			tls.startHandshake();
			Certificate[] presented = tls.getSession().getPeerCertificates();
			assertThat(presented[0]).isEqualTo(CERTIFICATE);
		}
		assertThat(trust.seen).isEqualTo(CERTIFICATE);
	}

	@Test
	void terminatesTlsAndForwardsTheRequest() throws Exception {
		HttpClient https = HttpClient.newBuilder()
			.sslContext(context(new Capturing()))
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		HttpResponse<String> response = https
			.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + this.port + "/api/products"))
				.timeout(Duration.ofSeconds(20))
				.build(), BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("storefront@v1 /products");
	}

	private static SSLContext context(TrustManager trust) throws Exception {
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, new TrustManager[] { trust }, new SecureRandom());
		return context;
	}

	private static KeyPair keyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static X509Certificate selfSigned(KeyPair key) {
		try {
			X500Name name = new X500Name("CN=gateway.edge.test");
			Instant now = Instant.now();
			JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
					BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(60)),
					Date.from(now.plus(Duration.ofDays(1))), name, key.getPublic());
			builder.addExtension(Extension.subjectAlternativeName, false,
					new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
			return new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] encoded(X509Certificate certificate) {
		try {
			return certificate.getEncoded();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

	/**
	 * Trusts whatever the server presents, and keeps it for the test to check.
	 */
	private static final class Capturing implements X509TrustManager {

		private volatile X509Certificate seen;

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) {
			this.seen = chain[0];
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return new X509Certificate[0];
		}

	}

}
