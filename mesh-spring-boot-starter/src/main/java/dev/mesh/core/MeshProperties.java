package dev.mesh.core;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Identity of this workload in the mesh and how it reaches the control service.
 */
@ConfigurationProperties("mesh")
public class MeshProperties {

	/**
	 * Service name of this workload; defaults to spring.application.name.
	 */
	private String service;

	/**
	 * Version label of this workload, used for subsets and canary routing.
	 */
	private String version = "v1";

	/**
	 * Locality zone of this workload.
	 */
	private String zone = "default";

	/**
	 * Address other workloads reach this one on; defaults to server.address, else the
	 * first non-loopback address.
	 */
	private String address;

	/**
	 * Further labels published with this workload's registration.
	 */
	private final Map<String, String> metadata = new LinkedHashMap<>();

	/**
	 * Connection to the control service.
	 */
	private final Control control = new Control();

	public String getService() {
		return this.service;
	}

	public void setService(String service) {
		this.service = service;
	}

	public String getVersion() {
		return this.version;
	}

	public void setVersion(String version) {
		this.version = version;
	}

	public String getZone() {
		return this.zone;
	}

	public void setZone(String zone) {
		this.zone = zone;
	}

	public String getAddress() {
		return this.address;
	}

	public void setAddress(String address) {
		this.address = address;
	}

	public Map<String, String> getMetadata() {
		return this.metadata;
	}

	public Control getControl() {
		return this.control;
	}

	/**
	 * Connection to the control service.
	 */
	public static class Control {

		/**
		 * Whether to connect to the control service at all.
		 */
		private boolean enabled = true;

		/**
		 * Base URL of the control service.
		 */
		private URI url = URI.create("http://localhost:15080");

		/**
		 * Workload credential presented to the control service as a bearer token.
		 */
		private String token;

		/**
		 * Time to wait for a TCP connection to the control service.
		 */
		private Duration connectTimeout = Duration.ofSeconds(2);

		/**
		 * Time to wait for the answer to one control service request.
		 */
		private Duration requestTimeout = Duration.ofSeconds(5);

		/**
		 * First delay before reconnecting after a failure; later delays double, with
		 * jitter.
		 */
		private Duration initialBackoff = Duration.ofMillis(200);

		/**
		 * Longest delay between reconnection attempts.
		 */
		private Duration maxBackoff = Duration.ofSeconds(10);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public URI getUrl() {
			return this.url;
		}

		public void setUrl(URI url) {
			this.url = url;
		}

		public String getToken() {
			return this.token;
		}

		public void setToken(String token) {
			this.token = token;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getRequestTimeout() {
			return this.requestTimeout;
		}

		public void setRequestTimeout(Duration requestTimeout) {
			this.requestTimeout = requestTimeout;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

	}

}
