package dev.mesh.identity;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.net.ssl.X509ExtendedKeyManager;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.util.Assert;

import dev.mesh.policy.identity.CertificateResponse;
import dev.mesh.policy.identity.Pem;
import dev.mesh.policy.identity.SpiffeId;
import dev.mesh.policy.identity.WorkloadCertificates;
import dev.mesh.policy.identity.WorkloadCertificates.Role;

/**
 * This workload's identity: its SPIFFE ID and the certificate the control service's
 * certificate authority issued for it, with a private key generated here that never
 * leaves the process. Each certificate is checked as a peer would check it before it is
 * used; it is installed as the SSL bundle {@value #SSL_BUNDLE}.
 */
public class MeshIdentity {

	/**
	 * Name of the SSL bundle holding the workload's key and certificate, for
	 * {@code server.ssl.bundle}.
	 */
	public static final String SSL_BUNDLE = "mesh";

	/**
	 * Fraction of a certificate's lifetime under which a failed renewal is logged as a
	 * warning and the state is {@link State#EXPIRING}.
	 */
	static final double WARNING_FRACTION = 0.3;

	private static final Log logger = LogFactory.getLog(MeshIdentity.class);

	private static final String KEY_ALIAS = "mesh";

	private final SpiffeId spiffeId;

	private final MeshIdentityProperties properties;

	private final CertificateAuthorityClient client;

	private final Clock clock;

	private final List<Consumer<Credential>> listeners = new CopyOnWriteArrayList<>();

	private volatile List<X509Certificate> trustBundle;

	private volatile Issued issued;

	private volatile Issued previous;

	private final CurrentKeyManager keyManager = new CurrentKeyManager(this);

	private volatile String lastError;

	MeshIdentity(SpiffeId spiffeId, MeshIdentityProperties properties, CertificateAuthorityClient client, Clock clock) {
		this.spiffeId = spiffeId;
		this.properties = properties;
		this.client = client;
		this.clock = clock;
		Assert.state(properties.getJoinToken() != null || properties.getTokenFile() != null,
				"'mesh.identity.join-token' or 'mesh.identity.token-file' must be set when mesh.identity.enabled is true");
		if (properties.getTrustBundle() != null) {
			this.trustBundle = readTrustBundle(properties.getTrustBundle());
		}
	}

	/**
	 * Return the SPIFFE ID this workload asks for and is issued.
	 * @return the SPIFFE ID
	 */
	public SpiffeId spiffeId() {
		return this.spiffeId;
	}

	/**
	 * Return the current credential.
	 * @return the credential, {@code null} before the first certificate is issued
	 */
	public Credential current() {
		Issued current = this.issued;
		return (current != null) ? current.credential() : null;
	}

	/**
	 * Return the SSL bundle of the current credential.
	 * @return the bundle, {@code null} before the first certificate is issued
	 */
	public SslBundle sslBundle() {
		Issued current = this.issued;
		return (current != null) ? current.bundle() : null;
	}

	/**
	 * Return a key manager that always presents the current certificate and its key, so
	 * that an SSL context built once uses each renewed certificate for its new
	 * connections; the certificate is presented even once it has expired (peers then
	 * refuse the handshake).
	 * @return the key manager, for clients and servers alike
	 */
	public X509ExtendedKeyManager keyManager() {
		return this.keyManager;
	}

	/**
	 * Return the state of the current credential.
	 * @return the state
	 */
	public State state() {
		Credential current = current();
		if (current == null) {
			return State.NONE;
		}
		Instant now = this.clock.instant();
		if (!now.isBefore(current.notAfter())) {
			return State.EXPIRED;
		}
		return (remainingFraction(current, now) < WARNING_FRACTION) ? State.EXPIRING : State.VALID;
	}

	/**
	 * Return why the last attempt to obtain a certificate failed.
	 * @return the reason, {@code null} when the last attempt succeeded
	 */
	public String lastError() {
		return this.lastError;
	}

	/**
	 * Add a listener called with each new credential, after the SSL bundle changed.
	 * @param listener the listener
	 */
	public void addListener(Consumer<Credential> listener) {
		this.listeners.add(listener);
	}

	Clock clock() {
		return this.clock;
	}

	/**
	 * Obtain a new certificate with a new key, check it and make it current.
	 * @return the new credential
	 * @throws IdentityException if no valid certificate could be obtained; the current
	 * credential is kept
	 */
	synchronized Credential renew() throws IdentityException {
		try {
			Issued next = issue();
			this.previous = this.issued;
			this.issued = next;
			this.lastError = null;
			for (Consumer<Credential> listener : this.listeners) {
				listener.accept(next.credential());
			}
			return next.credential();
		}
		catch (IdentityException ex) {
			this.lastError = ex.getMessage();
			throw ex;
		}
	}

	private Issued issue() throws IdentityException {
		try {
			List<X509Certificate> roots = trustBundle();
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			KeyPair keyPair = generator.generateKeyPair();
			Instant requestedAt = this.clock.instant();
			CertificateResponse response = this.client.sign(CertificateSigningRequest.pem(keyPair), credential());
			List<X509Certificate> chain = Pem.readCertificates(response.certificateChain());
			check(chain, roots, keyPair, requestedAt);
			Credential credential = new Credential(this.spiffeId, List.copyOf(chain), roots, requestedAt);
			return new Issued(credential, bundle(keyPair, chain, roots), keyPair.getPrivate());
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IdentityException("Cannot obtain a certificate for " + this.spiffeId + " from "
					+ this.client.baseUrl() + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IdentityException("Interrupted while obtaining a certificate for " + this.spiffeId, ex);
		}
	}

	private void check(List<X509Certificate> chain, List<X509Certificate> roots, KeyPair keyPair, Instant now)
			throws CertificateException {
		String trustDomain = this.spiffeId.trustDomain();
		SpiffeId issuedId = WorkloadCertificates.verify(chain, roots, trustDomain, Role.SERVER, now);
		WorkloadCertificates.checkLeaf(chain.get(0), trustDomain, Role.CLIENT);
		if (!issuedId.equals(this.spiffeId)) {
			throw new CertificateException("the certificate names " + issuedId + ", not " + this.spiffeId);
		}
		if (!chain.get(0).getPublicKey().equals(keyPair.getPublic())) {
			throw new CertificateException("the certificate is not for the key of this workload");
		}
	}

	private List<X509Certificate> trustBundle() throws IOException, InterruptedException {
		List<X509Certificate> roots = this.trustBundle;
		if (roots == null) {
			// Trust on first use: see docs/security.md
			roots = List.copyOf(this.client.trustBundle());
			this.trustBundle = roots;
			logger.warn("Trusting the root certificate " + roots.get(0).getSubjectX500Principal().getName()
					+ " fetched from " + this.client.baseUrl()
					+ " on first use; set 'mesh.identity.trust-bundle' to a PEM file in production");
		}
		return roots;
	}

	private String credential() throws IOException {
		if (this.properties.getJoinToken() != null) {
			return this.properties.getJoinToken();
		}
		Path file = this.properties.getTokenFile();
		String token = Files.readString(file, StandardCharsets.US_ASCII).trim();
		if (token.isEmpty()) {
			throw new IOException("'mesh.identity.token-file' " + file + " is empty");
		}
		return token;
	}

	private static SslBundle bundle(KeyPair keyPair, List<X509Certificate> chain, List<X509Certificate> roots)
			throws GeneralSecurityException, IOException {
		// The stores live in memory only; the password protects nothing at rest
		String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		keyStore.load(null, null);
		keyStore.setKeyEntry(KEY_ALIAS, keyPair.getPrivate(), password.toCharArray(),
				chain.toArray(new X509Certificate[0]));
		KeyStore trustStore = KeyStore.getInstance("PKCS12");
		trustStore.load(null, null);
		for (int i = 0; i < roots.size(); i++) {
			trustStore.setCertificateEntry("root-" + i, roots.get(i));
		}
		return SslBundle.of(SslStoreBundle.of(keyStore, password, trustStore), SslBundleKey.of(password, KEY_ALIAS));
	}

	private static List<X509Certificate> readTrustBundle(Path file) {
		try {
			return List.copyOf(Pem.readCertificates(Files.readString(file, StandardCharsets.US_ASCII)));
		}
		catch (IOException | CertificateException ex) {
			throw new IllegalStateException(
					"'mesh.identity.trust-bundle' " + file + " is not a readable PEM file: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Return the current or the previous issued certificate with a key alias, so that a
	 * handshake that chose an alias just before a renewal still finds its key.
	 * @param alias the key alias
	 * @return the issued certificate, {@code null} when neither has that alias
	 */
	Issued issued(String alias) {
		Issued current = this.issued;
		if (current != null && current.alias().equals(alias)) {
			return current;
		}
		Issued before = this.previous;
		return (before != null && before.alias().equals(alias)) ? before : null;
	}

	Issued issued() {
		return this.issued;
	}

	static double remainingFraction(Credential credential, Instant now) {
		long lifetime = Duration.between(credential.issuedAt(), credential.notAfter()).toMillis();
		long remaining = Duration.between(now, credential.notAfter()).toMillis();
		return (lifetime > 0) ? (double) remaining / lifetime : 0;
	}

	/**
	 * State of the workload's certificate.
	 */
	public enum State {

		/**
		 * No certificate yet.
		 */
		NONE,

		/**
		 * Valid, with at least 30% of its lifetime left.
		 */
		VALID,

		/**
		 * Valid, with less than 30% of its lifetime left: renewal has been failing.
		 */
		EXPIRING,

		/**
		 * Expired: handshakes with it fail until a renewal succeeds.
		 */
		EXPIRED

	}

	/**
	 * A certificate of this workload.
	 *
	 * @param spiffeId its SPIFFE ID
	 * @param certificateChain the workload certificate first, then any intermediates
	 * @param trustBundle the trusted roots it was checked against
	 * @param issuedAt when it was requested, the start of its lifetime for renewal
	 */
	public record Credential(SpiffeId spiffeId, List<X509Certificate> certificateChain,
			List<X509Certificate> trustBundle, Instant issuedAt) {

		/**
		 * Return the workload certificate.
		 * @return the certificate
		 */
		public X509Certificate certificate() {
			return this.certificateChain.get(0);
		}

		/**
		 * Return the serial number of the workload certificate, in hexadecimal.
		 * @return the serial number
		 */
		public String serialNumber() {
			BigInteger serial = certificate().getSerialNumber();
			return serial.toString(16);
		}

		/**
		 * Return the end of validity of the workload certificate.
		 * @return the end of validity
		 */
		public Instant notAfter() {
			return certificate().getNotAfter().toInstant();
		}

	}

	record Issued(Credential credential, SslBundle bundle, PrivateKey privateKey) {

		String alias() {
			return KEY_ALIAS + "-" + this.credential.serialNumber();
		}

	}

	/**
	 * No valid certificate could be obtained.
	 */
	static class IdentityException extends Exception {

		IdentityException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
