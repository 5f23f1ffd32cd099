package dev.mesh.control.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

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
	 * Instances from Kubernetes EndpointSlices.
	 */
	public static class Kubernetes {

		/**
		 * Whether the registry also holds the ready endpoints of the Kubernetes Services
		 * in the watched namespaces.
		 */
		private boolean enabled;

		/**
		 * Namespaces to watch; empty means the namespace the control service runs in.
		 */
		private List<String> namespaces = new ArrayList<>();

		/**
		 * Name of the Service port to route to when a Service has several ports.
		 */
		private String portName = "http";

		/**
		 * Pod labels that carry the version, the first one present wins.
		 */
		private List<String> versionLabels = new ArrayList<>(List.of("version", "app.kubernetes.io/version"));

		/**
		 * Version of a pod that carries none of the version labels.
		 */
		private String defaultVersion = "v1";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getNamespaces() {
			return this.namespaces;
		}

		public void setNamespaces(List<String> namespaces) {
			this.namespaces = namespaces;
		}

		public String getPortName() {
			return this.portName;
		}

		public void setPortName(String portName) {
			this.portName = portName;
		}

		public List<String> getVersionLabels() {
			return this.versionLabels;
		}

		public void setVersionLabels(List<String> versionLabels) {
			this.versionLabels = versionLabels;
		}

		public String getDefaultVersion() {
			return this.defaultVersion;
		}

		public void setDefaultVersion(String defaultVersion) {
			this.defaultVersion = defaultVersion;
		}

	}

}
