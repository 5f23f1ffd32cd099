package dev.mesh.control.workload;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import dev.mesh.policy.ApiError;
import dev.mesh.policy.identity.SpiffeId;

/**
 * Lets a request to a workload endpoint through only from an authenticated caller, and
 * records who it is as a {@link WorkloadCaller}. A client certificate presented in the
 * TLS handshake is checked as a workload certificate of the mesh (now, so that an expired
 * one on a long-kept connection no longer counts) and, when valid, is the caller's
 * identity; an invalid one is refused, never ignored. Without a certificate the caller is
 * refused when identity is required, and otherwise must present the shared workload token
 * as a bearer token.
 */
public final class WorkloadAuthentication implements HandlerFilterFunction<ServerResponse, ServerResponse> {

	/**
	 * Name of the counter of refused requests, tagged with the reason.
	 */
	public static final String REJECTED = "mesh.control.auth.rejected";

	/**
	 * Name of the counter of authenticated requests, tagged with the credential.
	 */
	public static final String ACCEPTED = "mesh.control.auth.accepted";

	private static final Log logger = LogFactory.getLog(WorkloadAuthentication.class);

	private static final String BEARER = "Bearer ";

	private final @Nullable PeerCertificateVerifier verifier;

	private final @Nullable WorkloadToken token;

	private final boolean requireIdentity;

	private final @Nullable MeterRegistry meters;

	/**
	 * Create a new filter.
	 * @param verifier checks client certificates, {@code null} when the control service
	 * does not serve TLS with workload certificates
	 * @param token the workload token, {@code null} when there is none
	 * @param requireIdentity whether a workload certificate is required (the token is
	 * then not accepted)
	 * @param meters where to count decisions, or {@code null}
	 */
	public WorkloadAuthentication(@Nullable PeerCertificateVerifier verifier, @Nullable WorkloadToken token,
			boolean requireIdentity, @Nullable MeterRegistry meters) {
		if (requireIdentity && verifier == null) {
			throw new IllegalStateException("mesh.registry.require-identity is true, but the control service does "
					+ "not check workload certificates: set mesh.ca.serve-tls=true (and mesh.ca.enabled=true), or "
					+ "mesh.registry.require-identity=false to accept the workload token instead");
		}
		this.verifier = verifier;
		this.token = token;
		this.requireIdentity = requireIdentity;
		this.meters = meters;
	}

	/**
	 * Whether a workload certificate is required.
	 * @return whether the workload token is refused
	 */
	public boolean requiresIdentity() {
		return this.requireIdentity;
	}

	@Override
	public Mono<ServerResponse> filter(ServerRequest request, HandlerFunction<ServerResponse> next) {
		List<X509Certificate> chain = peerCertificates(request);
		PeerCertificateVerifier peers = this.verifier;
		if (peers != null && !chain.isEmpty()) {
			SpiffeId id;
			try {
				id = peers.verify(chain);
			}
			catch (CertificateException ex) {
				return refuse(403, "invalid-certificate",
						"the client certificate is not a valid workload certificate of this mesh: " + ex.getMessage());
			}
			return accept(request, next, new WorkloadCaller(id), "certificate");
		}
		if (this.requireIdentity) {
			return refuse(401, "identity-required", "present this workload's certificate (mesh.identity.enabled=true) "
					+ "in the TLS handshake: the control service requires a workload identity");
		}
		String authorization = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.startsWith(BEARER)) {
			return refuse(401, "unauthorized",
					"send Authorization: Bearer <workload token>, or a workload certificate");
		}
		WorkloadToken expected = this.token;
		if (expected == null || !expected.matches(authorization.substring(BEARER.length()).strip())) {
			return refuse(403, "forbidden", "the credential is not the workload token");
		}
		return accept(request, next, WorkloadCaller.TOKEN, "token");
	}

	private Mono<ServerResponse> accept(ServerRequest request, HandlerFunction<ServerResponse> next,
			WorkloadCaller caller, String credential) {
		request.attributes().put(WorkloadCaller.ATTRIBUTE, caller);
		count(ACCEPTED, "credential", credential);
		return next.handle(request);
	}

	private Mono<ServerResponse> refuse(int status, String reason, String message) {
		logger.debug("Refused a workload request (" + reason + "): " + message);
		count(REJECTED, "reason", reason);
		ServerResponse.BodyBuilder response = ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON);
		if (status == 401) {
			response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"mesh\"");
		}
		return response.bodyValue(new ApiError(status, reason, message, List.of()));
	}

	private void count(String name, String tag, String value) {
		MeterRegistry registry = this.meters;
		if (registry != null) {
			Counter.builder(name)
				.tag(tag, value)
				.description("Requests to the control service's workload endpoints, by outcome")
				.register(registry)
				.increment();
		}
	}

	private static List<X509Certificate> peerCertificates(ServerRequest request) {
		SslInfo ssl = request.exchange().getRequest().getSslInfo();
		X509Certificate[] peers = (ssl != null) ? ssl.getPeerCertificates() : null;
		return (peers != null) ? List.of(peers) : List.of();
	}

}
