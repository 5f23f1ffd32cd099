import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Used by ./mesh-demo (run with the JDK's source launcher, so the demo needs nothing but a
 * JDK): mints one join token per service through the control service's admin API over
 * TLS, trusting only the mesh root, and writes each to DIRECTORY/SERVICE with owner-only
 * permissions. A token already written is kept.
 *
 * <pre>java src/demo/MintJoinTokens.java URL TRUST_BUNDLE ADMIN_TOKEN_FILE DIRECTORY SERVICE...</pre>
 */
public class MintJoinTokens {

	private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

	public static void main(String[] args) throws Exception {
		if (args.length < 5) {
			System.err.println("usage: MintJoinTokens URL TRUST_BUNDLE ADMIN_TOKEN_FILE DIRECTORY SERVICE...");
			System.exit(2);
		}
		URI base = URI.create(args[0]);
		HttpClient http = HttpClient.newBuilder()
			.sslContext(trusting(Path.of(args[1])))
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		String admin = Files.readString(Path.of(args[2]), StandardCharsets.UTF_8).strip();
		Path directory = Files.createDirectories(Path.of(args[3]));
		for (int i = 4; i < args.length; i++) {
			Path file = directory.resolve(args[i]);
			if (Files.exists(file)) {
				continue;
			}
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/v1/join-tokens"))
				.timeout(Duration.ofSeconds(10))
				.header("Authorization", "Bearer " + admin)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"serviceAccount\": \"" + args[i] + "\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			Matcher token = TOKEN.matcher(response.body());
			if (response.statusCode() != 201 || !token.find()) {
				throw new IOException("minting a join token for " + args[i] + " answered HTTP "
						+ response.statusCode() + ": " + response.body());
			}
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Files.writeString(file, token.group(1), StandardCharsets.US_ASCII);
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
