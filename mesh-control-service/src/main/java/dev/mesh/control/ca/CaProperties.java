package dev.mesh.control.ca;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import dev.mesh.policy.identity.SpiffeId;
import dev.mesh.policy.registry.Names;

/**
 * The certificate authority of the mesh. Checked at startup: an invalid value fails the
 * start naming the property.
 */
@ConfigurationProperties("mesh.ca")
public class CaProperties implements Validator {

	/**
	 * Shortest workload certificate lifetime allowed: short enough for tests that wait
	 * for an expiry, long enough for a renewal at half-life to reach the authority.
	 */
	static final Duration MIN_WORKLOAD_TTL = Duration.ofSeconds(10);

	/**
	 * Whether the control service runs the certificate authority.
	 */
	private boolean enabled = true;

	/**
	 * Trust domain of every identity the authority issues (the host of the SPIFFE IDs); a
	 * MeshConfig may only name this one.
	 */
	private String trustDomain = "cluster.local";

	/**
	 * Lifetime of workload certificates, at least 10 seconds; never beyond the
	 * authority's own expiry.
	 */
	private Duration workloadTtl = Duration.ofHours(24);

	/**
	 * Lifetime of the root generated on first start when no certificate is configured.
	 */
	private Duration rootTtl = Duration.ofDays(3650);

	/**
	 * PEM file of a user-provided CA certificate (a root or an intermediate), optionally
	 * followed by the certificates that issued it; when unset, a root is generated in the
	 * data directory.
	 */
	private @Nullable Path certificate;

	/**
	 * PEM file of the private key of the user-provided CA certificate (PKCS#8, or SEC1 EC
	 * or PKCS#1 RSA).
	 */
	private @Nullable Path privateKey;

	/**
	 * Password of an encrypted PKCS#8 private key.
	 */
	private @Nullable String privateKeyPassword;

	/**
	 * PEM file of the certificates above a user-provided intermediate, up to and
	 * including the self-signed root.
	 */
	private @Nullable Path chain;

	/**
	 * Whether the control service's own API is served over TLS with a certificate from
	 * this authority (renewed at half-life), asking clients for their workload
	 * certificates; workloads verify it against the trust bundle. Turn off only for
	 * development: workloads then talk plain HTTP and authenticate with the workload
	 * token.
	 */
	private boolean serveTls = true;

	/**
	 * Host names and IP addresses of the serving certificate, besides localhost,
	 * 127.0.0.1 and ::1.
	 */
	private List<String> serverNames = new ArrayList<>();

	/**
	 * Kubernetes service-account tokens as workload credentials.
	 */
	private final Kubernetes kubernetes = new Kubernetes();

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

	public Duration getWorkloadTtl() {
		return this.workloadTtl;
	}

	public void setWorkloadTtl(Duration workloadTtl) {
		this.workloadTtl = workloadTtl;
	}

	public Duration getRootTtl() {
		return this.rootTtl;
	}

	public void setRootTtl(Duration rootTtl) {
		this.rootTtl = rootTtl;
	}

	public @Nullable Path getCertificate() {
		return this.certificate;
	}

	public void setCertificate(@Nullable Path certificate) {
		this.certificate = certificate;
	}

	public @Nullable Path getPrivateKey() {
		return this.privateKey;
	}

	public void setPrivateKey(@Nullable Path privateKey) {
		this.privateKey = privateKey;
	}

	public @Nullable String getPrivateKeyPassword() {
		return this.privateKeyPassword;
	}

	public void setPrivateKeyPassword(@Nullable String privateKeyPassword) {
		this.privateKeyPassword = privateKeyPassword;
	}

	public @Nullable Path getChain() {
		return this.chain;
	}

	public void setChain(@Nullable Path chain) {
		this.chain = chain;
	}

	public boolean isServeTls() {
		return this.serveTls;
	}

	public void setServeTls(boolean serveTls) {
		this.serveTls = serveTls;
	}

	public List<String> getServerNames() {
		return this.serverNames;
	}

	public void setServerNames(List<String> serverNames) {
		this.serverNames = serverNames;
	}

	public Kubernetes getKubernetes() {
		return this.kubernetes;
	}

	@Override
	public boolean supports(Class<?> type) {
		return CaProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		CaProperties properties = (CaProperties) target;
		if (!SpiffeId.isTrustDomain(properties.getTrustDomain())) {
			errors.rejectValue("trustDomain", "trust-domain", SpiffeId.trustDomainRule());
		}
		if (properties.getWorkloadTtl() == null || properties.getWorkloadTtl().compareTo(MIN_WORKLOAD_TTL) < 0) {
			errors.rejectValue("workloadTtl", "minimum", "must be at least 10 seconds");
		}
		if (properties.getRootTtl() == null || (properties.getWorkloadTtl() != null
				&& properties.getRootTtl().compareTo(properties.getWorkloadTtl()) <= 0)) {
			errors.rejectValue("rootTtl", "minimum", "must be longer than the workload TTL");
		}
		if ((properties.getCertificate() == null) != (properties.getPrivateKey() == null)) {
			errors.rejectValue((properties.getCertificate() == null) ? "certificate" : "privateKey", "pair",
					"certificate and private-key must be set together");
		}
		if (properties.getChain() != null && properties.getCertificate() == null) {
			errors.rejectValue("chain", "certificate", "is only used with a certificate");
		}
		for (int i = 0; i < properties.getServerNames().size(); i++) {
			if (!Names.isAddress(properties.getServerNames().get(i))) {
				errors.rejectValue("serverNames[" + i + "]", "address", "must be a host name or an IP address");
			}
		}
		for (int i = 0; i < properties.getKubernetes().getAudiences().size(); i++) {
			String audience = properties.getKubernetes().getAudiences().get(i);
			if (audience == null || audience.isBlank()) {
				errors.rejectValue("kubernetes.audiences[" + i + "]", "blank", "must not be blank");
			}
		}
	}

	/**
	 * Kubernetes service-account tokens as workload credentials, checked with a
	 * TokenReview.
	 */
	public static class Kubernetes {

		/**
		 * Whether a pod's service-account token entitles it to the identity of its
		 * namespace and service account (checked with a TokenReview).
		 */
		private boolean enabled;

		/**
		 * Audiences the token must be valid for; when empty, the API server's default
		 * audience.
		 */
		private List<String> audiences = new ArrayList<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getAudiences() {
			return this.audiences;
		}

		public void setAudiences(List<String> audiences) {
			this.audiences = audiences;
		}

	}

}
