package dev.mesh.control.ca;

import java.util.Collection;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.mesh.control.policy.PolicyCheck;
import dev.mesh.policy.Violation;
import dev.mesh.policy.document.PolicyDocument;
import dev.mesh.policy.document.PolicyKind;
import dev.mesh.policy.spec.MeshConfigSpec;

/**
 * A MeshConfig may name only the certificate authority's trust domain: workloads read the
 * trust domain from policy and must find it in the certificates the authority issues.
 */
final class TrustDomainCheck implements PolicyCheck {

	private static final Log logger = LogFactory.getLog(TrustDomainCheck.class);

	private static final String FIELD = "spec.security.trustDomain";

	private final String trustDomain;

	TrustDomainCheck(String trustDomain) {
		this.trustDomain = trustDomain;
	}

	@Override
	public List<Violation> check(PolicyDocument document) {
		if (document.kind() != PolicyKind.MESH_CONFIG) {
			return List.of();
		}
		MeshConfigSpec spec = document.spec(MeshConfigSpec.class);
		String named = (spec.getSecurity() != null) ? spec.getSecurity().getTrustDomain() : null;
		if (named == null || named.equals(this.trustDomain)) {
			return List.of();
		}
		return List.of(new Violation(FIELD,
				"must be the certificate authority's trust domain " + this.trustDomain + " (mesh.ca.trust-domain)"));
	}

	/**
	 * Log a warning for each stored document that names another trust domain, such as one
	 * written before the authority's trust domain changed.
	 * @param documents the stored documents
	 */
	void warnAbout(Collection<PolicyDocument> documents) {
		for (PolicyDocument document : documents) {
			for (Violation violation : check(document)) {
				logger.warn("MeshConfig " + document.qualifiedName() + ": " + violation
						+ "; workloads will not accept the certificates they are issued until it is fixed");
			}
		}
	}

}
