package dev.mesh.authz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

import dev.mesh.identity.Issued;
import dev.mesh.policy.identity.SpiffeId;
import dev.mesh.policy.identity.WorkloadCertificates;

/**
 * A mesh caller over mutual TLS, for tests: it presents a certificate of the test
 * authority and, like a mesh client, trusts the authority's root and checks the server's
 * SPIFFE ID instead of a host name. It calls with the JDK's {@link HttpClient}, or with a
 * raw request line written on the socket, exactly as given.
 */
final class TlsCaller {

	private final SSLContext context;

	private final HttpClient client;

	private TlsCaller(SSLContext context) {
		this.context = context;
		this.client = HttpClient.newBuilder()
			.sslContext(context)
			.connectTimeout(Duration.ofSeconds(10))
			.version(HttpClient.Version.HTTP_1_1)
			.build();
	}

	/**
	 * Create a caller presenting a certificate.
	 * @param certificate the certificate, or {@code null} for none
	 * @param root the root to trust
	 * @param server the SPIFFE ID the server must have
	 * @return the caller
	 * @throws Exception if the TLS context cannot be built
	 */
	static TlsCaller of(Issued certificate, X509Certificate root, SpiffeId server) throws Exception {
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		if (certificate != null) {
			keys.init(certificate.keyStore(), new char[0]);
		}
		KeyStore trusted = KeyStore.getInstance("PKCS12");
		trusted.load(null, null);
		trusted.setCertificateEntry("root", root);
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init((certificate != null) ? keys.getKeyManagers() : null, new X509ExtendedTrustManager[] {
				new ServerIdentity((X509TrustManager) trust.getTrustManagers()[0], server) }, null);
		return new TlsCaller(context);
	}

	HttpResponse<String> get(int port, String path, String... headers) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(20));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> post(int port, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(20))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Send a request line exactly as given and read the status of the answer.
	 * @param port the server's port
	 * @param method the method
	 * @param target the request target, not encoded or normalized in any way
	 * @param headers further headers
	 * @return the status and body
	 * @throws IOException if the exchange fails
	 */
	RawResponse raw(int port, String method, String target, Map<String, String> headers) throws IOException {
		try (Socket plain = new Socket()) {
			plain.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
			plain.setSoTimeout(20_000);
			try (SSLSocket socket = (SSLSocket) this.context.getSocketFactory()
				.createSocket(plain, "127.0.0.1", port, false)) {
				StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
				request.append("Host: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n");
				headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
				request.append("\r\n");
				OutputStream out = socket.getOutputStream();
				out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
				return RawResponse.read(socket.getInputStream());
			}
		}
	}

	/**
	 * The answer to a raw request.
	 *
	 * @param status the status code
	 * @param text the whole answer, headers included
	 */
	record RawResponse(int status, String text) {

		static RawResponse read(InputStream in) throws IOException {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			try {
				in.transferTo(bytes);
			}
			catch (IOException ex) {
				// the server may reset instead of closing after answering
				if (bytes.size() == 0) {
					throw ex;
				}
			}
			String text = bytes.toString(StandardCharsets.ISO_8859_1);
			String[] statusLine = text.split(" ", 3);
			return new RawResponse(Integer.parseInt(statusLine[1]), text);
		}

	}

	/**
	 * Trusts the root and checks the server's SPIFFE ID, as a mesh client does, instead
	 * of its host name.
	 */
	private static final class ServerIdentity extends X509ExtendedTrustManager {

		private final X509TrustManager delegate;

		private final SpiffeId server;

		ServerIdentity(X509TrustManager delegate, SpiffeId server) {
			this.delegate = delegate;
			this.server = server;
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			this.delegate.checkServerTrusted(chain, authType);
			SpiffeId served = WorkloadCertificates.spiffeId(chain[0]);
			if (!served.equals(this.server)) {
				throw new CertificateException("The server is " + served + ", not " + this.server);
			}
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			checkServerTrusted(chain, authType);
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			checkServerTrusted(chain, authType);
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			throw new CertificateException("not a server");
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			throw new CertificateException("not a server");
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			throw new CertificateException("not a server");
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return this.delegate.getAcceptedIssuers();
		}

	}

}
