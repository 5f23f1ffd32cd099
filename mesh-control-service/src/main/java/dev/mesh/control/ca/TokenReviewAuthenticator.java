package dev.mesh.control.ca;

import java.util.Collections;
import java.util.List;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.mesh.policy.identity.CertificateApi;
import dev.mesh.policy.identity.InvalidSpiffeIdException;
import dev.mesh.policy.identity.SpiffeId;

/**
 * Authenticates a pod's service-account token with a TokenReview
 * ({@code authentication.k8s.io/v1}) and entitles it to the identity of its namespace and
 * service account, read from the reviewed user name
 * {@code system:serviceaccount:<namespace>:<service-account>}.
 */
final class TokenReviewAuthenticator implements WorkloadAuthenticator {

	private static final Log logger = LogFactory.getLog(TokenReviewAuthenticator.class);

	private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

	private final KubernetesClient client;

	private final List<String> audiences;

	private final String trustDomain;

	TokenReviewAuthenticator(KubernetesClient client, List<String> audiences, String trustDomain) {
		this.client = client;
		this.audiences = List.copyOf(audiences);
		this.trustDomain = trustDomain;
	}

	@Override
	public String credentialType() {
		return "kubernetes";
	}

	@Override
	public boolean supports(String token) {
		return !token.startsWith(CertificateApi.JOIN_TOKEN_PREFIX);
	}

	@Override
	public Mono<SpiffeId> authenticate(String token) {
		return Mono.fromCallable(() -> review(token)).subscribeOn(Schedulers.boundedElastic());
	}

	private SpiffeId review(String token) {
		TokenReview request = new TokenReviewBuilder().withNewSpec()
			.withToken(token)
			.withAudiences(this.audiences.isEmpty() ? null : this.audiences)
			.endSpec()
			.build();
		TokenReview review;
		try {
			review = this.client.authentication().v1().tokenReviews().create(request);
		}
		catch (KubernetesClientException ex) {
			logger.warn("TokenReview failed: " + ex.getMessage());
			throw new RequestRejectedException(503, "token-review-failed",
					"the service-account token could not be checked with the Kubernetes API; try again later");
		}
		TokenReviewStatus status = (review != null) ? review.getStatus() : null;
		if (status == null || !Boolean.TRUE.equals(status.getAuthenticated())) {
			String error = (status != null && status.getError() != null) ? ": " + status.getError() : "";
			throw RequestRejectedException.forbidden("invalid-credential",
					"the Kubernetes API did not authenticate the service-account token" + error);
		}
		if (!this.audiences.isEmpty()
				&& (status.getAudiences() == null || Collections.disjoint(status.getAudiences(), this.audiences))) {
			throw RequestRejectedException.forbidden("invalid-credential",
					"the service-account token is not valid for the audiences " + this.audiences);
		}
		String username = (status.getUser() != null) ? status.getUser().getUsername() : null;
		String[] parts = (username != null && username.startsWith(SERVICE_ACCOUNT_PREFIX))
				? username.substring(SERVICE_ACCOUNT_PREFIX.length()).split(":", -1) : new String[0];
		if (parts.length != 2) {
			throw RequestRejectedException.forbidden("invalid-credential",
					"the token does not belong to a service account (user " + username + ")");
		}
		try {
			return new SpiffeId(this.trustDomain, parts[0], parts[1]);
		}
		catch (InvalidSpiffeIdException ex) {
			throw RequestRejectedException.forbidden("invalid-credential", ex.getMessage());
		}
	}

}
