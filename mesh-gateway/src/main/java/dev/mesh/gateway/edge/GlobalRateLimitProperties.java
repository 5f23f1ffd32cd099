package dev.mesh.gateway.edge;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the global rate limit: the routes' per-client limits kept in Redis (its
 * connection is Spring Boot's {@code spring.data.redis.*}), so that every gateway
 * instance sharing that Redis enforces one limit.
 */
@ConfigurationProperties(GlobalRateLimitProperties.PREFIX)
public class GlobalRateLimitProperties {

	/**
	 * Prefix of the properties.
	 */
	public static final String PREFIX = "mesh.gateway.rate-limit.global";

	/**
	 * Whether each client's limit on a route is also enforced across gateway instances,
	 * in Redis.
	 */
	private boolean enabled;

	/**
	 * What to do with a request when Redis does not answer in time or fails: allow it
	 * (the local limit still applies) or refuse it with 429.
	 */
	private FailureMode failureMode = FailureMode.OPEN;

	/**
	 * How long a request waits for Redis before the failure mode decides.
	 */
	private Duration timeout = Duration.ofMillis(100);

	/**
	 * Prefix of the bucket keys in Redis.
	 */
	private String keyPrefix = "mesh:rate-limit:";

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public FailureMode getFailureMode() {
		return this.failureMode;
	}

	public void setFailureMode(FailureMode failureMode) {
		this.failureMode = failureMode;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public String getKeyPrefix() {
		return this.keyPrefix;
	}

	public void setKeyPrefix(String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

	/**
	 * What a request gets when Redis cannot decide.
	 */
	public enum FailureMode {

		/**
		 * Allow the request: only the local limit applies while Redis is unavailable.
		 */
		OPEN,

		/**
		 * Refuse the request with 429.
		 */
		CLOSED

	}

}
