package dev.mesh.control.ca;

import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.context.SmartLifecycle;

import dev.mesh.policy.identity.CertificateApi;

/**
 * The control service's own serving certificate, issued by its authority with the control
 * service's SPIFFE ID and the configured host names, and installed as the SSL bundle
 * {@value #BUNDLE} that the web server uses. It is issued again at half-life and the
 * bundle updated in place: the server takes the new certificate for new connections
 * without a restart.
 */
final class ServingCertificate implements SslBundleRegistrar, SmartLifecycle {

	/**
	 * Name of the SSL bundle of the control service's server.
	 */
	static final String BUNDLE = "mesh-control";

	private static final Log logger = LogFactory.getLog(ServingCertificate.class);

	private static final String ALIAS = "mesh-control";

	private static final Duration RETRY = Duration.ofSeconds(30);

	private final CertificateAuthority authority;

	private final List<String> hosts;

	private final Clock clock;

	private final CaMetrics metrics;

	private volatile @Nullable SslBundleRegistry registry;

	private volatile @Nullable IssuedCertificate current;

	private volatile Instant issuedAt = Instant.EPOCH;

	private volatile @Nullable ScheduledExecutorService scheduler;

	ServingCertificate(CertificateAuthority authority, List<String> serverNames, Clock clock, CaMetrics metrics) {
		this.authority = authority;
		List<String> hosts = new ArrayList<>(List.of("localhost", "127.0.0.1", "::1"));
		serverNames.stream().filter((name) -> !hosts.contains(name)).forEach(hosts::add);
		this.hosts = List.copyOf(hosts);
		this.clock = clock;
		this.metrics = metrics;
	}

	@Override
	public void registerBundles(SslBundleRegistry registry) {
		this.registry = registry;
		registry.registerBundle(BUNDLE, issue());
	}

	/**
	 * Return the certificate being served.
	 * @return the certificate, or {@code null} before the bundle is registered
	 */
	@Nullable IssuedCertificate current() {
		return this.current;
	}

	/**
	 * Issue a new serving certificate and update the bundle.
	 */
	void renew() {
		SslBundleRegistry bundles = this.registry;
		if (bundles != null) {
			bundles.updateBundle(BUNDLE, issue());
			logger.info("Renewed the control service's serving certificate");
		}
	}

	private SslBundle issue() {
		KeyPair key = CertificateAuthority.generateKey();
		IssuedCertificate issued = this.authority.issue(SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()),
				CertificateApi.controlServiceId(this.authority.trustDomain()), this.hosts,
				this.authority.workloadTtl());
		this.metrics.issued("control-service");
		this.issuedAt = this.clock.instant();
		this.current = issued;
		try {
			String password = randomPassword();
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			store.setKeyEntry(ALIAS, key.getPrivate(), password.toCharArray(),
					issued.chain().toArray(new Certificate[0]));
			// Client certificates are checked against the root alone, never the JDK's CAs
			KeyStore trust = KeyStore.getInstance("PKCS12");
			trust.load(null, null);
			trust.setCertificateEntry("mesh-root", issued.root());
			return SslBundle.of(SslStoreBundle.of(store, password, trust), SslBundleKey.of(password, ALIAS));
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot build the control service's SSL bundle", ex);
		}
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "mesh-serving-certificate");
			thread.setDaemon(true);
			return thread;
		});
		this.scheduler = executor;
		scheduleRenewal(executor);
	}

	private void scheduleRenewal(ScheduledExecutorService executor) {
		Instant renewal = renewalTime();
		if (renewal == null) {
			return;
		}
		long delay = Math.max(0, Duration.between(this.clock.instant(), renewal).toMillis());
		executor.schedule(() -> renewAndReschedule(executor), delay, TimeUnit.MILLISECONDS);
	}

	/**
	 * Return when the certificate being served is renewed: at half of its lifetime
	 * counted from the time of issue. Its start of validity is backdated, and counting
	 * from it would renew a one-minute certificate at once, again and again.
	 * @return the time, or {@code null} before the bundle is registered
	 */
	@Nullable Instant renewalTime() {
		IssuedCertificate current = this.current;
		if (current == null) {
			return null;
		}
		Instant issued = this.issuedAt;
		Instant notAfter = current.certificate().getNotAfter().toInstant();
		return issued.plus(Duration.between(issued, notAfter).dividedBy(2));
	}

	private void renewAndReschedule(ScheduledExecutorService executor) {
		try {
			renew();
			scheduleRenewal(executor);
		}
		catch (RuntimeException ex) {
			logger.error("Could not renew the control service's serving certificate; trying again in " + RETRY, ex);
			executor.schedule(() -> renewAndReschedule(executor), RETRY.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.scheduler;
		if (executor != null) {
			executor.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	private static String randomPassword() {
		byte[] bytes = new byte[18];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
