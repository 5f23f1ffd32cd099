package dev.mesh.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

import dev.mesh.core.Backoff;

/**
 * Renews the workload certificate once a fraction of its lifetime has passed (half by
 * default, minus a jitter of up to a tenth of that delay so that replicas do not renew in
 * step); a failed renewal is retried with backoff and logged as a warning, which says so
 * once less than 30% of the lifetime is left. An expired certificate stays in place:
 * handshakes with it fail, there is never a fallback to plaintext.
 */
class IdentityRenewal implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(IdentityRenewal.class);

	private static final double JITTER = 0.1;

	private final MeshIdentity identity;

	private final double renewalFraction;

	private final Backoff backoff;

	private ScheduledExecutorService scheduler;

	private int failures;

	IdentityRenewal(MeshIdentity identity, MeshIdentityProperties properties) {
		this.identity = identity;
		double fraction = properties.getRenewalFraction();
		if (!(fraction > 0 && fraction < 1)) {
			throw new IllegalStateException("'mesh.identity.renewal-fraction' must be between 0 and 1 (exclusive)");
		}
		this.renewalFraction = fraction;
		this.backoff = new Backoff(properties.getInitialBackoff(), properties.getMaxBackoff());
	}

	@Override
	public synchronized void start() {
		if (this.scheduler != null) {
			return;
		}
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "mesh-identity-renewal");
			thread.setDaemon(true);
			return thread;
		});
		schedule(nextRenewal());
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

	Duration nextRenewal() {
		MeshIdentity.Credential current = this.identity.current();
		if (current == null) {
			return Duration.ZERO;
		}
		long lifetime = Duration.between(current.issuedAt(), current.notAfter()).toMillis();
		double fraction = this.renewalFraction * (1 - JITTER * ThreadLocalRandom.current().nextDouble());
		Instant renewAt = current.issuedAt().plusMillis((long) (lifetime * fraction));
		Duration delay = Duration.between(this.identity.clock().instant(), renewAt);
		return delay.isNegative() ? Duration.ZERO : delay;
	}

	private synchronized void schedule(Duration delay) {
		if (this.scheduler != null) {
			this.scheduler.schedule(this::renew, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private void renew() {
		try {
			MeshIdentity.Credential renewed = this.identity.renew();
			this.failures = 0;
			logger.info("Renewed the workload certificate of " + renewed.spiffeId() + ": serial "
					+ renewed.serialNumber() + ", valid until " + renewed.notAfter());
			schedule(nextRenewal());
		}
		catch (MeshIdentity.IdentityException ex) {
			this.failures++;
			Duration retry = this.backoff.delay(this.failures);
			MeshIdentity.Credential current = this.identity.current();
			Instant now = this.identity.clock().instant();
			String message = "Renewal of the workload certificate failed (attempt " + this.failures + ", retry in "
					+ retry.toMillis() + " ms): " + ex.getMessage();
			if (current != null && !now.isBefore(current.notAfter())) {
				logger.warn(message + "; the certificate expired at " + current.notAfter()
						+ ", TLS handshakes fail until a renewal succeeds");
			}
			else if (current != null && MeshIdentity.remainingFraction(current, now) < MeshIdentity.WARNING_FRACTION) {
				logger.warn(message + "; less than 30% of the certificate's lifetime is left, it expires at "
						+ current.notAfter());
			}
			else {
				logger.warn(message);
			}
			schedule(retry);
		}
		catch (RuntimeException ex) {
			this.failures++;
			logger.warn("Renewal of the workload certificate failed unexpectedly", ex);
			schedule(this.backoff.delay(this.failures));
		}
	}

}
