package dev.mesh.identity;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

import dev.mesh.policy.identity.Pem;

/**
 * A key and certificate of a test peer, issued directly by the test authority.
 *
 * @param keyPair the key pair
 * @param certificate the certificate
 */
public record PeerCredential(KeyPair keyPair, X509Certificate certificate) {

	/**
	 * Return a TLS context presenting this credential whatever the peer asks for (a JDK
	 * client would not offer a certificate of an issuer the server does not name) and
	 * trusting any peer: the tests check what the other side accepts.
	 * @return the context
	 * @throws Exception if it cannot be built
	 */
	public SSLContext sslContext() throws Exception {
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(new KeyManager[] { new Presenting(this) }, new TrustManager[] { new TrustingAnyone() }, null);
		return context;
	}

	/**
	 * Write the certificate and key as PEM files {@code cert.pem} and {@code key.pem}.
	 * @param directory where to write them
	 * @throws Exception if they cannot be written
	 */
	public void writePem(Path directory) throws Exception {
		Files.writeString(directory.resolve("cert.pem"), Pem.encodeCertificates(List.of(this.certificate)),
				StandardCharsets.US_ASCII);
		Files.writeString(directory.resolve("key.pem"),
				Pem.encode("PRIVATE KEY", this.keyPair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
	}

	/**
	 * Return a TLS context presenting no certificate and trusting any server.
	 * @return the context
	 * @throws Exception if it cannot be built
	 */
	public static SSLContext anonymous() throws Exception {
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, new TrustManager[] { new TrustingAnyone() }, null);
		return context;
	}

	private static final class Presenting extends X509ExtendedKeyManager {

		private static final String ALIAS = "peer";

		private final PeerCredential credential;

		Presenting(PeerCredential credential) {
			this.credential = credential;
		}

		@Override
		public String[] getClientAliases(String keyType, Principal[] issuers) {
			return new String[] { ALIAS };
		}

		@Override
		public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
			return ALIAS;
		}

		@Override
		public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
			return ALIAS;
		}

		@Override
		public String[] getServerAliases(String keyType, Principal[] issuers) {
			return new String[] { ALIAS };
		}

		@Override
		public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
			return ALIAS;
		}

		@Override
		public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
			return ALIAS;
		}

		@Override
		public X509Certificate[] getCertificateChain(String alias) {
			return new X509Certificate[] { this.credential.certificate() };
		}

		@Override
		public PrivateKey getPrivateKey(String alias) {
			return this.credential.keyPair().getPrivate();
		}

	}

	private static final class TrustingAnyone extends X509ExtendedTrustManager {

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) {
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return new X509Certificate[0];
		}

	}

}
