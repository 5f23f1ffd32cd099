package dev.mesh.control.ca;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.mesh.policy.Violation;
import dev.mesh.policy.identity.CertificateApi;
import dev.mesh.policy.identity.CertificateRequest;
import dev.mesh.policy.identity.Pem;
import dev.mesh.policy.identity.SpiffeId;

/**
 * HTTP handlers of certificate signing and of the trust bundle. A signing request is
 * authenticated first, by the authenticator that handles its bearer credential; only then
 * is its CSR read, and the certificate carries the identity the credential entitles.
 */
final class CertificateHandler {

	private static final Log logger = LogFactory.getLog(CertificateHandler.class);

	private static final String BEARER = "Bearer ";

	private final CertificateAuthority authority;

	private final List<WorkloadAuthenticator> authenticators;

	private final CaMetrics metrics;

	private final SpiffeId controlService;

	CertificateHandler(CertificateAuthority authority, List<WorkloadAuthenticator> authenticators, CaMetrics metrics) {
		this.authority = authority;
		this.authenticators = List.copyOf(authenticators);
		this.metrics = metrics;
		this.controlService = CertificateApi.controlServiceId(authority.trustDomain());
	}

	Mono<ServerResponse> sign(ServerRequest request) {
		return Mono.defer(() -> {
			String token = bearer(request);
			WorkloadAuthenticator authenticator = authenticator(token);
			return authenticator.authenticate(token)
				.flatMap((id) -> JsonBodies.read(request, CertificateRequest.class)
					.publishOn(Schedulers.boundedElastic())
					.map((body) -> issue(body, id)))
				.flatMap((issued) -> {
					this.metrics.issued(authenticator.credentialType());
					logger.info("Issued certificate " + issued.certificate().getSerialNumber().toString(16) + " to "
							+ issued.spiffeId() + ", valid until " + issued.certificate().getNotAfter().toInstant());
					return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(issued.toResponse());
				});
		}).onErrorResume(RequestRejectedException.class, (ex) -> {
			this.metrics.rejected(ex.reason());
			logger.debug("Refused a certificate request: " + ex.getMessage());
			return JsonBodies.respond(ex);
		});
	}

	Mono<ServerResponse> trustBundle(ServerRequest request) {
		return ServerResponse.ok()
			.contentType(MediaType.parseMediaType(CertificateApi.PEM_MEDIA_TYPE))
			.bodyValue(Pem.encodeCertificates(List.of(this.authority.credentials().root())));
	}

	private IssuedCertificate issue(CertificateRequest body, SpiffeId id) {
		if (body.csr() == null || body.csr().isBlank()) {
			throw new RequestRejectedException(400, "malformed-csr", "csr is required",
					List.of(new Violation("csr", "is required")));
		}
		if (id.equals(this.controlService)) {
			throw RequestRejectedException.forbidden("not-entitled", id + " is reserved for the control service");
		}
		SubjectPublicKeyInfo key = CsrReader.read(body.csr(), id);
		return this.authority.issue(key, id);
	}

	private WorkloadAuthenticator authenticator(String token) {
		for (WorkloadAuthenticator authenticator : this.authenticators) {
			if (authenticator.supports(token)) {
				return authenticator;
			}
		}
		throw RequestRejectedException.forbidden("invalid-credential",
				"the credential is not a join token (" + CertificateApi.JOIN_TOKEN_PREFIX
						+ "<id>.<secret>), and Kubernetes service-account tokens are not enabled");
	}

	private static String bearer(ServerRequest request) {
		String authorization = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.startsWith(BEARER)
				|| authorization.substring(BEARER.length()).isBlank()) {
			throw RequestRejectedException.unauthorized("missing-credential",
					"send Authorization: Bearer <join token or service-account token>");
		}
		return authorization.substring(BEARER.length()).strip();
	}

}
