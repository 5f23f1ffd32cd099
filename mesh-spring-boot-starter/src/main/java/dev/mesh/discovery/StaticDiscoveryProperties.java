package dev.mesh.discovery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Instances listed in the application's configuration, for tests and for backends outside
 * the mesh. Bound by the static discovery source itself, without resolving placeholders,
 * and bound again when the environment changes.
 */
@ConfigurationProperties("mesh.discovery.static")
public class StaticDiscoveryProperties {

	/**
	 * Instances by service name: each a URL, or an object with a url and optional
	 * version, zone and metadata.
	 */
	private final Map<String, List<Entry>> services = new LinkedHashMap<>();

	public Map<String, List<Entry>> getServices() {
		return this.services;
	}

	/**
	 * One static instance.
	 */
	public static class Entry {

		/**
		 * URL of the instance: http or https, a host and optionally a port, no path.
		 */
		private String url;

		/**
		 * Version label of the instance.
		 */
		private String version;

		/**
		 * Locality zone of the instance.
		 */
		private String zone;

		/**
		 * SPIFFE ID the instance serves with; calls to it then use mutual TLS and check
		 * that its certificate names this identity.
		 */
		private String identity;

		/**
		 * Further labels of the instance.
		 */
		private final Map<String, String> metadata = new LinkedHashMap<>();

		/**
		 * Create an entry from its URL alone, the short form of an entry.
		 * @param url the URL
		 * @return the entry
		 */
		public static Entry of(String url) {
			Entry entry = new Entry();
			entry.setUrl(url);
			return entry;
		}

		public String getUrl() {
			return this.url;
		}

		public void setUrl(String url) {
			this.url = url;
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

		public String getIdentity() {
			return this.identity;
		}

		public void setIdentity(String identity) {
			this.identity = identity;
		}

		public Map<String, String> getMetadata() {
			return this.metadata;
		}

	}

}
