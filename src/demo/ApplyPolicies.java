import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Used by ./mesh-demo (run with the JDK's source launcher): creates each document of one
 * or more multi-document YAML files, in order, through the control service's policy API
 * over TLS, trusting only the mesh root. A document that already exists (409, from an
 * earlier run) is kept.
 *
 * <pre>java src/demo/ApplyPolicies.java URL TRUST_BUNDLE ADMIN_TOKEN_FILE POLICY_FILE...</pre>
 */
public class ApplyPolicies {

	public static void main(String[] args) throws Exception {
		if (args.length < 4) {
			System.err.println("usage: ApplyPolicies URL TRUST_BUNDLE ADMIN_TOKEN_FILE POLICY_FILE...");
			System.exit(2);
		}
		URI base = URI.create(args[0]);
		HttpClient http = HttpClient.newBuilder()
			.sslContext(trusting(Path.of(args[1])))
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		String admin = Files.readString(Path.of(args[2]), StandardCharsets.UTF_8).strip();
		StringBuilder yaml = new StringBuilder();
		for (int i = 3; i < args.length; i++) {
			yaml.append(Files.readString(Path.of(args[i]), StandardCharsets.UTF_8)).append("\n---\n");
		}
		for (String document : yaml.toString().split("(?m)^---\\s*$")) {
			if (document.lines().allMatch((line) -> line.isBlank() || line.startsWith("#"))) {
				continue;
			}
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/v1/policies"))
				.timeout(Duration.ofSeconds(10))
				.header("Authorization", "Bearer " + admin)
				.header("Content-Type", "application/yaml")
				.POST(HttpRequest.BodyPublishers.ofString(document))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 201 && response.statusCode() != 409) {
				throw new IOException("creating a policy document answered HTTP " + response.statusCode() + ": "
						+ response.body());
			}
		}
	}

	private static SSLContext trusting(Path trustBundle) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		try (var in = Files.newInputStream(trustBundle)) {
			int i = 0;
			for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
				store.setCertificateEntry("root-" + i++, (X509Certificate) certificate);
			}
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(store);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

}
