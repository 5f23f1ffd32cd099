package dev.mesh.identity;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsServer;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import tools.jackson.databind.json.JsonMapper;

import dev.mesh.policy.ApiError;
import dev.mesh.policy.identity.CertificateApi;
import dev.mesh.policy.identity.CertificateRequest;
import dev.mesh.policy.identity.CertificateResponse;
import dev.mesh.policy.identity.Pem;
import dev.mesh.policy.identity.SpiffeId;
import dev.mesh.test.FakeControlService;

/**
 * A certificate authority for tests, speaking the control service's certificate API over
 * HTTPS on a loopback port, as the control service does: its server certificate is issued
 * by its root for {@code 127.0.0.1} and {@code localhost} (or the names given), and it
 * asks for, but does not need, client certificates. It checks the join token and the
 * CSR's proof of possession, issues certificates for one entitled identity, and can be
 * told to issue flawed ones or to be unavailable. It also issues certificates directly,
 * with the names and flaws a test chooses ({@link #issue(List, boolean)}), for the TLS
 * clients of other tests.
 */
public final class TestCertificateAuthority implements AutoCloseable {

	/**
	 * The join token entitling its holder to the identity the authority was started with.
	 */
	public static final String JOIN_TOKEN = "join.test.secret";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JsonMapper json = JsonMapper.builder().build();

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final Map<String, SpiffeId> tokens = new ConcurrentHashMap<>();

	private final KeyPair rootKey;

	private final X509Certificate root;

	private final KeyPair otherKey;

	private final X509Certificate otherRoot;

	private final AtomicInteger requests = new AtomicInteger();

	private final SSLContext serverContext;

	private final HttpsServer server;

	private final SpiffeId probe;

	private volatile Duration ttl = Duration.ofMinutes(1);

	private volatile Flaw flaw = Flaw.NONE;

	private volatile boolean unavailable;

	private TestCertificateAuthority(SpiffeId entitled, String... serverNames)
			throws IOException, GeneralSecurityException {
		this.tokens.put(JOIN_TOKEN, entitled);
		this.probe = new SpiffeId(entitled.trustDomain(), entitled.namespace(), "tls-probe");
		this.rootKey = keyPair();
		this.root = root(this.rootKey, "test root");
		this.otherKey = keyPair();
		this.otherRoot = root(this.otherKey, "other root");
		this.serverContext = ServerContexts.forHosts(this.rootKey, this.root, serverNames);
		this.server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setHttpsConfigurator(FakeControlService.wantClientCertificates(this.serverContext));
		this.server.setExecutor(this.executor);
		this.server.createContext(CertificateApi.CERTIFICATES, this::certificates);
		this.server.createContext(CertificateApi.TRUST_BUNDLE, this::trustBundle);
		this.server.start();
	}

	public static TestCertificateAuthority start(SpiffeId entitled) throws IOException, GeneralSecurityException {
		return new TestCertificateAuthority(entitled, "127.0.0.1", "localhost");
	}

	/**
	 * Start an authority whose server certificate names other hosts than the loopback
	 * address it listens on.
	 * @param entitled the identity it issues
	 * @param serverNames the DNS names in its server certificate
	 * @return the started authority
	 */
	static TestCertificateAuthority startNamed(SpiffeId entitled, String... serverNames)
			throws IOException, GeneralSecurityException {
		return new TestCertificateAuthority(entitled, serverNames);
	}

	public URI url() {
		return URI.create("https://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/**
	 * Return the TLS context of this authority's server: its server certificate, and its
	 * root to check client certificates.
	 * @return the context
	 */
	SSLContext serverContext() {
		return this.serverContext;
	}

	/**
	 * Return the handlers of the certificate API, by path.
	 * @return the handlers
	 */
	Map<String, HttpHandler> handlers() {
		return Map.of(CertificateApi.CERTIFICATES, this::certificates, CertificateApi.TRUST_BUNDLE, this::trustBundle);
	}

	public X509Certificate root() {
		return this.root;
	}

	public int requests() {
		return this.requests.get();
	}

	public void ttl(Duration ttl) {
		this.ttl = ttl;
	}

	public void flaw(Flaw flaw) {
		this.flaw = flaw;
	}

	public void unavailable(boolean unavailable) {
		this.unavailable = unavailable;
	}

	/**
	 * Entitle the holder of another join token to another identity.
	 * @param token the join token
	 * @param identity the identity it entitles
	 */
	public void entitle(String token, SpiffeId identity) {
		this.tokens.put(token, identity);
	}

	/**
	 * Issue a key and certificate directly, for a test peer outside the CSR flow.
	 * @param identity the identity to name
	 * @param flaw how the certificate is wrong
	 * @param notBefore start of validity
	 * @param notAfter end of validity
	 * @return the credential
	 * @throws Exception if it cannot be issued
	 */
	public PeerCredential issue(SpiffeId identity, Flaw flaw, Instant notBefore, Instant notAfter) throws Exception {
		KeyPair key = keyPair();
		X509Certificate leaf = leaf(SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()), identity, flaw,
				notBefore, notAfter);
		return new PeerCredential(key, leaf);
	}

	/**
	 * Issue a valid key and certificate for a test peer.
	 * @param identity the identity to name
	 * @return the credential
	 * @throws Exception if it cannot be issued
	 */
	public PeerCredential issue(SpiffeId identity) throws Exception {
		Instant now = Instant.now();
		return issue(identity, Flaw.NONE, now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofHours(1)));
	}

	/**
	 * Return the certificate a TLS server on a loopback port presents, trusting this
	 * authority's root and presenting a client certificate of the same trust domain, as a
	 * mesh peer would.
	 * @param port the port
	 * @return the server's certificate
	 * @throws Exception if the handshake fails
	 */
	public X509Certificate served(int port) throws Exception {
		KeyStore trust = KeyStore.getInstance("PKCS12");
		trust.load(null, null);
		trust.setCertificateEntry("root", this.root);
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trust);
		PeerCredential client = issue(this.probe);
		KeyStore keys = KeyStore.getInstance("PKCS12");
		keys.load(null, null);
		keys.setKeyEntry("probe", client.keyPair().getPrivate(), "probe".toCharArray(),
				new X509Certificate[] { client.certificate() });
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(keys, "probe".toCharArray());
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
		try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
			socket.setSoTimeout(2000);
			socket.startHandshake();
			return (X509Certificate) socket.getSession().getPeerCertificates()[0];
		}
	}

	private void trustBundle(HttpExchange exchange) throws IOException {
		respond(exchange, 200, Pem.encodeCertificates(List.of(this.root)).getBytes(StandardCharsets.US_ASCII));
	}

	private void certificates(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		if (this.unavailable) {
			respond(exchange, 503, error(503, "unavailable"));
			return;
		}
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		SpiffeId identity = (authorization != null && authorization.startsWith("Bearer "))
				? this.tokens.get(authorization.substring("Bearer ".length())) : null;
		if (identity == null) {
			respond(exchange, 403, error(403, "invalid-credential"));
			return;
		}
		try {
			CertificateRequest request = this.json.readValue(exchange.getRequestBody(), CertificateRequest.class);
			JcaPKCS10CertificationRequest csr = new JcaPKCS10CertificationRequest(decode(request.csr()));
			if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getPublicKey()))) {
				respond(exchange, 400, error(400, "bad-signature"));
				return;
			}
			Instant now = Instant.now();
			Flaw flaw = this.flaw;
			X509Certificate leaf = leaf(csr.getSubjectPublicKeyInfo(), identity, flaw, now.minus(Duration.ofMinutes(1)),
					now.plus(this.ttl));
			X509Certificate issuer = (flaw == Flaw.OTHER_CA) ? this.otherRoot : this.root;
			CertificateResponse response = new CertificateResponse(identity.toString(),
					leaf.getSerialNumber().toString(16), leaf.getNotBefore().toInstant(),
					leaf.getNotAfter().toInstant(), Pem.encodeCertificates(List.of(leaf)),
					Pem.encodeCertificates(List.of(issuer)));
			respond(exchange, 200, this.json.writeValueAsBytes(response));
		}
		catch (GeneralSecurityException | OperatorCreationException | PKCSException | RuntimeException ex) {
			respond(exchange, 400, error(400, "malformed-csr"));
		}
	}

	private X509Certificate leaf(SubjectPublicKeyInfo key, SpiffeId entitled, Flaw flaw, Instant notBefore,
			Instant notAfter) throws IOException, GeneralSecurityException, OperatorCreationException {
		X509Certificate issuer = (flaw == Flaw.OTHER_CA) ? this.otherRoot : this.root;
		PrivateKey signingKey = (flaw == Flaw.OTHER_CA) ? this.otherKey.getPrivate() : this.rootKey.getPrivate();
		X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
				X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), new BigInteger(128, RANDOM),
				Date.from(notBefore), Date.from(notAfter), new X500Name(new RDN[0]), key);
		builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(flaw == Flaw.CA_TRUE));
		builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
		builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
				new KeyPurposeId[] { KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth }));
		List<GeneralName> names = new ArrayList<>();
		SpiffeId id = (flaw == Flaw.WRONG_ID)
				? new SpiffeId(entitled.trustDomain(), entitled.namespace(), "someone-else") : entitled;
		if (flaw == Flaw.NO_URI) {
			names.add(new GeneralName(GeneralName.dNSName, "localhost"));
		}
		else {
			names.add(new GeneralName(GeneralName.uniformResourceIdentifier, id.toString()));
		}
		if (flaw == Flaw.TWO_URIS) {
			names.add(new GeneralName(GeneralName.uniformResourceIdentifier,
					new SpiffeId(id.trustDomain(), id.namespace(), "second").toString()));
		}
		builder.addExtension(Extension.subjectAlternativeName, true,
				new GeneralNames(names.toArray(new GeneralName[0])));
		return new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signingKey)));
	}

	private static X509Certificate root(KeyPair key, String name) throws GeneralSecurityException, IOException {
		Instant now = Instant.now();
		X500Name subject = new X500Name("O=mesh,CN=" + name);
		try {
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE,
					Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
					key.getPublic());
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
			return new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
		}
		catch (OperatorCreationException ex) {
			throw new GeneralSecurityException(ex);
		}
	}

	static KeyPair keyPair() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generator.generateKeyPair();
	}

	private static byte[] decode(String pem) {
		String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
		return Base64.getDecoder().decode(base64);
	}

	private byte[] error(int status, String error) {
		return this.json.writeValueAsBytes(new ApiError(status, error, error, List.of()));
	}

	private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/**
	 * Issue a workload certificate for one SPIFFE ID, signed by this authority's root.
	 * @param spiffeId the SPIFFE ID
	 * @return the key and certificate
	 * @throws GeneralSecurityException if it cannot be issued
	 */
	public Issued issue(String spiffeId) throws GeneralSecurityException {
		return issue(List.of(spiffeId), false);
	}

	/**
	 * Issue a certificate with exactly the given URI SANs (none, one, several), signed by
	 * this authority's root, with the key usages of a workload certificate.
	 * @param uris the URI SANs
	 * @param ca whether the certificate says {@code CA:true}
	 * @return the key and certificate
	 * @throws GeneralSecurityException if it cannot be issued
	 */
	public Issued issue(List<String> uris, boolean ca) throws GeneralSecurityException {
		KeyPair key = keyPair();
		Instant now = Instant.now();
		try {
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
					X500Name.getInstance(this.root.getSubjectX500Principal().getEncoded()), new BigInteger(128, RANDOM),
					Date.from(now.minus(Duration.ofMinutes(1))), Date.from(now.plus(Duration.ofHours(1))),
					new X500Name("CN=test peer"), key.getPublic());
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
			builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
					new KeyPurposeId[] { KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth }));
			if (!uris.isEmpty()) {
				GeneralName[] names = uris.stream()
					.map((uri) -> new GeneralName(GeneralName.uniformResourceIdentifier, uri))
					.toArray(GeneralName[]::new);
				builder.addExtension(Extension.subjectAlternativeName, true, new GeneralNames(names));
			}
			X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
					builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(this.rootKey.getPrivate())));
			return new Issued(key.getPrivate(), certificate, this.root);
		}
		catch (IOException | OperatorCreationException ex) {
			throw new GeneralSecurityException(ex);
		}
	}

	/**
	 * How the next certificates are wrong.
	 */
	public enum Flaw {

		NONE, WRONG_ID, TWO_URIS, CA_TRUE, OTHER_CA, NO_URI

	}

}
