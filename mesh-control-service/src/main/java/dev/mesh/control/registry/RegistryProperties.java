package dev.mesh.control.registry;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import dev.mesh.kubernetes.EndpointSliceOptions;

/**
 * Configuration properties of the instance registry. Every duration must be positive: the
 * binder validates them at startup and names the offending property.
 */
@ConfigurationProperties("mesh.registry")
public class RegistryProperties implements Validator {

	/**
	 * Time without a heartbeat after which an instance is evicted.
	 */
	private Duration ttl = Duration.ofSeconds(15);

	/**
	 * How often expired leases are swept.
	 */
	private Duration evictionInterval = Duration.ofSeconds(1);

	/**
	 * Idle time after which a watch stream gets a comment, so that dead connections are
	 * noticed.
	 */
	private Duration keepaliveInterval = Duration.ofSeconds(10);

	/**
	 * Whether registry writes, the endpoint and policy watches and acknowledgements
	 * require a workload certificate (the workload token is then refused); when unset,
	 * required exactly when the control service serves TLS with its certificate authority
	 * (mesh.ca.serve-tls).
	 */
	private Boolean requireIdentity;

	/**
	 * Instances from Kubernetes EndpointSlices, held beside the registered ones.
	 */
	private final Kubernetes kubernetes = new Kubernetes();

	public Duration getTtl() {
		return this.ttl;
	}

	public void setTtl(Duration ttl) {
		this.ttl = ttl;
	}

	public Duration getEvictionInterval() {
		return this.evictionInterval;
	}

	public void setEvictionInterval(Duration evictionInterval) {
		this.evictionInterval = evictionInterval;
	}

	public Duration getKeepaliveInterval() {
		return this.keepaliveInterval;
	}

	public void setKeepaliveInterval(Duration keepaliveInterval) {
		this.keepaliveInterval = keepaliveInterval;
	}

	public Boolean getRequireIdentity() {
		return this.requireIdentity;
	}

	public void setRequireIdentity(Boolean requireIdentity) {
		this.requireIdentity = requireIdentity;
	}

	public Kubernetes getKubernetes() {
		return this.kubernetes;
	}

	@Override
	public boolean supports(Class<?> type) {
		return RegistryProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		RegistryProperties properties = (RegistryProperties) target;
		rejectUnlessPositive(errors, "ttl", properties.getTtl());
		rejectUnlessPositive(errors, "evictionInterval", properties.getEvictionInterval());
		rejectUnlessPositive(errors, "keepaliveInterval", properties.getKeepaliveInterval());
	}

	private static void rejectUnlessPositive(Errors errors, String field, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			errors.rejectValue(field, "positive", "must be a positive duration");
		}
	}

	/**
	 * Instances from Kubernetes EndpointSlices: {@code namespaces} (empty: the control
	 * service's own), {@code port-name} ({@code http}), {@code version-labels}
	 * ({@code version}, {@code app.kubernetes.io/version}) and {@code default-version}
	 * ({@code v1}).
	 */
	public static class Kubernetes extends EndpointSliceOptions {

		/**
		 * Whether the registry also holds the ready endpoints of the Kubernetes Services
		 * in the watched namespaces.
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
