package dev.mesh.mtls;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.mesh.policy.spec.MtlsMode;

/**
 * Mutual TLS settings of this workload that are not mesh policy: the plaintext port of
 * PERMISSIVE mode on Tomcat, and per-destination overrides of outbound calls. The
 * server's mode itself is policy: {@code mesh.security.mtls.mode} mesh-wide and
 * {@code mesh.inbound.mtls.mode} for this service.
 */
@ConfigurationProperties("mesh.mtls")
public class MeshMtlsProperties {

	/**
	 * Port of the second, plaintext connector Tomcat opens in PERMISSIVE mode (Tomcat
	 * cannot accept plaintext and TLS on one port); 0 picks a free port.
	 */
	private Integer plaintextPort;

	/**
	 * Outbound mutual TLS per destination service, instead of what the destination's
	 * instances advertise.
	 */
	private final Map<String, Destination> destinations = new LinkedHashMap<>();

	public Integer getPlaintextPort() {
		return this.plaintextPort;
	}

	public void setPlaintextPort(Integer plaintextPort) {
		this.plaintextPort = plaintextPort;
	}

	public Map<String, Destination> getDestinations() {
		return this.destinations;
	}

	/**
	 * Outbound mutual TLS to one destination.
	 */
	public static class Destination {

		/**
		 * Mode the destination's servers run in: STRICT or PERMISSIVE are called with
		 * mutual TLS, DISABLED with plaintext.
		 */
		private MtlsMode mode;

		/**
		 * SPIFFE ID the destination's servers must present, instead of the one their
		 * registration carries or
		 * {@code spiffe://<trust-domain>/ns/<namespace>/sa/<service>}.
		 */
		private String identity;

		public MtlsMode getMode() {
			return this.mode;
		}

		public void setMode(MtlsMode mode) {
			this.mode = mode;
		}

		public String getIdentity() {
			return this.identity;
		}

		public void setIdentity(String identity) {
			this.identity = identity;
		}

	}

}
