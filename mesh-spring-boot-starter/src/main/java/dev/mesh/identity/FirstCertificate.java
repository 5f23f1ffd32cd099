package dev.mesh.identity;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.mesh.core.Backoff;

/**
 * Obtains the workload's first certificate at startup. A control service that cannot be
 * reached (still starting, or too slow to finish the TLS handshake within
 * {@code mesh.control.connect-timeout} while many workloads start at once) is tried again
 * a few times with backoff; any other failure, and the last attempt's, stops the start.
 */
final class FirstCertificate {

	/**
	 * Attempts before the start fails.
	 */
	static final int ATTEMPTS = 5;

	private static final Log logger = LogFactory.getLog(FirstCertificate.class);

	private FirstCertificate() {
	}

	static void obtain(MeshIdentity identity, Backoff backoff) {
		for (int attempt = 1;; attempt++) {
			try {
				identity.renew();
				return;
			}
			catch (MeshIdentity.IdentityException ex) {
				if (attempt >= ATTEMPTS || !unreachable(ex)) {
					throw new IllegalStateException(ex.getMessage(), ex);
				}
				Duration delay = backoff.delay(attempt);
				logger.warn("Could not reach the control service for the first workload certificate (attempt " + attempt
						+ " of " + ATTEMPTS + ", next in " + delay.toMillis() + " ms): " + ex.getMessage());
				pause(delay);
			}
		}
	}

	static boolean unreachable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof HttpTimeoutException) {
				return true;
			}
		}
		return false;
	}

	private static void pause(Duration delay) {
		try {
			TimeUnit.MILLISECONDS.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while obtaining the first workload certificate", ex);
		}
	}

}
