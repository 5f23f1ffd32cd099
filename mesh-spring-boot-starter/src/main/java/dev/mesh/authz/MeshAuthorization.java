package dev.mesh.authz;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.mesh.core.AppliedPolicy;
import dev.mesh.core.MeshPolicyState;
import dev.mesh.policy.Violation;
import dev.mesh.policy.document.AccessPolicyChecks;
import dev.mesh.policy.spec.AccessPolicySpec;

/**
 * Authorization of this workload's inbound requests: who the caller is (from its TLS
 * client certificate, in the mesh's trust domain) and what the access policies in force
 * decide about the request. The policies are rebuilt from every applied policy and
 * swapped in atomically; a request is decided on the policies it found. Policies that do
 * not pass validation stop the start, and are not applied when they arrive later (the
 * last valid ones stay).
 */
public class MeshAuthorization {

	private static final Log logger = LogFactory.getLog(MeshAuthorization.class);

	private final MeshAuthzProperties properties;

	private final String defaultTrustDomain;

	private final AuthorizationDecisions decisions;

	private final AtomicReference<State> state = new AtomicReference<>();

	private volatile String lastError;

	private volatile int managementPort = -1;

	MeshAuthorization(MeshPolicyState policy, MeshAuthzProperties properties, String defaultTrustDomain,
			AuthorizationDecisions decisions) {
		this.properties = properties;
		this.defaultTrustDomain = defaultTrustDomain;
		this.decisions = decisions;
		AppliedPolicy current = policy.current();
		List<Violation> violations = AccessPolicyChecks.check(access(current));
		if (!violations.isEmpty()) {
			throw new IllegalStateException("Invalid access policy: " + describe(violations));
		}
		this.state.set(build(current));
		policy.addListener(this::apply);
	}

	/**
	 * Identify the caller of a request from its TLS session.
	 * @param chain the peer's certificate chain, {@code null} or empty when it presented
	 * none
	 * @return the caller's identity
	 */
	PeerIdentity identify(X509Certificate[] chain) {
		return PeerIdentity.of(chain, this.state.get().trustDomain());
	}

	/**
	 * Decide about a request, count the decision and log what an audited policy would
	 * deny.
	 * @param peer the caller
	 * @param method the HTTP method
	 * @param rawPath the raw request path
	 * @param headers the values of a request header by name
	 * @return the decision
	 */
	AccessDecision authorize(PeerIdentity peer, String method, String rawPath, Function<String, List<String>> headers) {
		AccessPolicies policies = this.state.get().policies();
		if (policies.isEmpty()) {
			this.decisions.count(AccessDecision.ALLOW_WITHOUT_POLICY);
			return AccessDecision.ALLOW_WITHOUT_POLICY;
		}
		AccessRequest request = new AccessRequest(peer, method, policies.normalize(rawPath), headers);
		AccessDecision decision = policies.decide(request);
		this.decisions.count(decision);
		if (decision.outcome() == AccessDecision.Outcome.AUDIT_DENY && logger.isInfoEnabled()) {
			logger.info("Access policy audit: " + decision.policy() + " would deny " + method + " "
					+ ((request.path() != null) ? request.path() : "(a path that cannot be normalized)") + " from "
					+ peer.describe() + " (" + decision.reason().code() + ")");
		}
		else if (!decision.allowed() && logger.isDebugEnabled()) {
			logger.debug("Access denied by " + decision.policy() + ": " + method + " " + request.path() + " from "
					+ peer.describe() + (peer.rejected() ? " (" + peer.rejection() + ")" : ""));
		}
		return decision;
	}

	/**
	 * Whether a request arrived on the management server, which access policies do not
	 * protect.
	 * @param localPort the port the request arrived on
	 * @return whether it is the management port
	 */
	boolean isManagementPort(int localPort) {
		return localPort == this.managementPort;
	}

	void managementPort(int port) {
		this.managementPort = port;
	}

	/**
	 * Describe the policies in force and the decisions made so far.
	 * @return the description
	 */
	public AuthorizationDescriptor describe() {
		State current = this.state.get();
		List<AuthorizationDescriptor.Policy> policies = current.policies()
			.policies()
			.stream()
			.map((policy) -> new AuthorizationDescriptor.Policy(policy.name(), policy.action().name(), policy.audit(),
					policy.rules().size()))
			.toList();
		return new AuthorizationDescriptor(true, current.trustDomain(), current.policies().caseInsensitive(), policies,
				this.decisions.counts(), this.lastError);
	}

	private void apply(AppliedPolicy applied) {
		List<Violation> violations = AccessPolicyChecks.check(access(applied));
		if (!violations.isEmpty()) {
			this.lastError = "Policy version " + applied.version() + " not applied: " + describe(violations);
			logger.warn("Keeping the access policies in force: " + this.lastError);
			return;
		}
		this.state.set(build(applied));
		this.lastError = null;
	}

	private State build(AppliedPolicy applied) {
		String trustDomain = applied.policy().getSecurity().getTrustDomain();
		return new State(AccessPolicies.compile(access(applied), this.properties.isCaseInsensitivePaths()),
				(trustDomain != null) ? trustDomain : this.defaultTrustDomain);
	}

	private static Map<String, AccessPolicySpec> access(AppliedPolicy applied) {
		return applied.policy().getInbound().getAccess();
	}

	private static String describe(List<Violation> violations) {
		StringBuilder text = new StringBuilder();
		for (Violation violation : violations) {
			text.append((text.length() > 0) ? "; " : "")
				.append(violation.field())
				.append(' ')
				.append(violation.message());
		}
		return text.toString();
	}

	private record State(AccessPolicies policies, String trustDomain) {

	}

}
