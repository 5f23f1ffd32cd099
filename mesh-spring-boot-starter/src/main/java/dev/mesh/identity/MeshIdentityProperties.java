package dev.mesh.identity;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Workload identity: how this workload obtains its certificate.
 */
@ConfigurationProperties("mesh.identity")
public class MeshIdentityProperties {

	/**
	 * Whether to obtain a workload certificate from the control service's certificate
	 * authority and install it as the SSL bundle {@code mesh}.
	 */
	private boolean enabled = false;

	/**
	 * Trust domain of the identity, the CA's {@code mesh.ca.trust-domain}; when not set,
	 * the mesh's {@code mesh.security.trust-domain}, else {@code cluster.local}.
	 */
	private String trustDomain;

	/**
	 * Namespace of the identity: the Kubernetes namespace, or {@code default} outside
	 * Kubernetes.
	 */
	private String namespace = "default";

	/**
	 * Service account of the identity; the service name when not set.
	 */
	private String serviceAccount;

	/**
	 * Join token entitling this workload to its identity (outside Kubernetes).
	 */
	private String joinToken;

	/**
	 * File holding the credential instead of {@code join-token}, read at each request: on
	 * Kubernetes the pod's projected service-account token.
	 */
	private Path tokenFile;

	/**
	 * PEM file of the trusted root certificates (production); when not set, the trust
	 * bundle is fetched from the control service on first use (trust on first use).
	 */
	private Path trustBundle;

	/**
	 * Fraction of the remaining lifetime of a certificate after which its renewal starts;
	 * a jitter of up to a tenth of that delay is taken off.
	 */
	private double renewalFraction = 0.5;

	/**
	 * Delay before the first retry of a failed renewal, doubling up to
	 * {@code max-backoff}.
	 */
	private Duration initialBackoff = Duration.ofSeconds(1);

	/**
	 * Longest delay between retries of a failed renewal.
	 */
	private Duration maxBackoff = Duration.ofSeconds(30);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getTrustDomain() {
		return this.trustDomain;
	}

	public void setTrustDomain(String trustDomain) {
		this.trustDomain = trustDomain;
	}

	public String getNamespace() {
		return this.namespace;
	}

	public void setNamespace(String namespace) {
		this.namespace = namespace;
	}

	public String getServiceAccount() {
		return this.serviceAccount;
	}

	public void setServiceAccount(String serviceAccount) {
		this.serviceAccount = serviceAccount;
	}

	public String getJoinToken() {
		return this.joinToken;
	}

	public void setJoinToken(String joinToken) {
		this.joinToken = joinToken;
	}

	public Path getTokenFile() {
		return this.tokenFile;
	}

	public void setTokenFile(Path tokenFile) {
		this.tokenFile = tokenFile;
	}

	public Path getTrustBundle() {
		return this.trustBundle;
	}

	public void setTrustBundle(Path trustBundle) {
		this.trustBundle = trustBundle;
	}

	public double getRenewalFraction() {
		return this.renewalFraction;
	}

	public void setRenewalFraction(double renewalFraction) {
		this.renewalFraction = renewalFraction;
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
