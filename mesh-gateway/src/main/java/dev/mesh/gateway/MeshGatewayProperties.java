package dev.mesh.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the gateway itself (its routes are policy: {@code mesh.gateway.routes}).
 */
@ConfigurationProperties("mesh.gateway")
public class MeshGatewayProperties {

	/**
	 * Number of Reactor Netty event loops the server and its clients share, read once at
	 * startup; unset for as many as the JVM has CPUs. A 'reactor.netty.ioWorkerCount'
	 * system property wins.
	 */
	private Integer eventLoops;

	/**
	 * How mirrored requests are sent.
	 */
	private final Mirror mirror = new Mirror();

	/**
	 * What the gateway accepts from outside clients.
	 */
	private final Edge edge = new Edge();

	/**
	 * How bearer tokens (JWTs) of outside clients are validated.
	 */
	private final Jwt jwt = new Jwt();

	/**
	 * How users of sticky splits get their cookie.
	 */
	private final Sticky sticky = new Sticky();

	/**
	 * Direct forwarding of mesh routes.
	 */
	private final Direct direct = new Direct();

	public Integer getEventLoops() {
		return this.eventLoops;
	}

	public void setEventLoops(Integer eventLoops) {
		this.eventLoops = eventLoops;
	}

	public Mirror getMirror() {
		return this.mirror;
	}

	public Edge getEdge() {
		return this.edge;
	}

	public Jwt getJwt() {
		return this.jwt;
	}

	public Direct getDirect() {
		return this.direct;
	}

	public Sticky getSticky() {
		return this.sticky;
	}

	/**
	 * How mirrored requests are sent.
	 */
	public static class Mirror {

		/**
		 * How long a copy may take before it is cancelled.
		 */
		private Duration timeout = Duration.ofSeconds(5);

		/**
		 * Largest request body copied; requests with larger bodies, or bodies of unknown
		 * length, are not copied.
		 */
		private DataSize maxBodySize = DataSize.ofKilobytes(64);

		/**
		 * Most copies in flight at once; past it, copies are dropped.
		 */
		private int maxInFlight = 256;

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public DataSize getMaxBodySize() {
			return this.maxBodySize;
		}

		public void setMaxBodySize(DataSize maxBodySize) {
			this.maxBodySize = maxBodySize;
		}

		public int getMaxInFlight() {
			return this.maxInFlight;
		}

		public void setMaxInFlight(int maxInFlight) {
			this.maxInFlight = maxInFlight;
		}

	}

	/**
	 * What the gateway accepts from outside clients.
	 */
	public static class Edge {

		/**
		 * Headers removed from every incoming request, because only the mesh may set
		 * them.
		 */
		private List<String> stripHeaders = new ArrayList<>(
				List.of("X-Forwarded-Client-Cert", "X-Spiffe-Id", "x-mesh-caller", "x-mesh-deadline", "x-mesh-cohort"));

		/**
		 * Largest request body accepted on any route.
		 */
		private DataSize maxRequestSize = DataSize.ofMegabytes(10);

		/**
		 * Header whose value identifies a client for rate limits instead of its address,
		 * such as an API key header; unset to key by client address only.
		 */
		private String clientKeyHeader;

		public List<String> getStripHeaders() {
			return this.stripHeaders;
		}

		public void setStripHeaders(List<String> stripHeaders) {
			this.stripHeaders = stripHeaders;
		}

		public DataSize getMaxRequestSize() {
			return this.maxRequestSize;
		}

		public void setMaxRequestSize(DataSize maxRequestSize) {
			this.maxRequestSize = maxRequestSize;
		}

		public String getClientKeyHeader() {
			return this.clientKeyHeader;
		}

		public void setClientKeyHeader(String clientKeyHeader) {
			this.clientKeyHeader = clientKeyHeader;
		}

	}

	/**
	 * How bearer tokens (JWTs) of outside clients are validated; off unless a JWK Set URI
	 * or an issuer URI is set.
	 */
	public static class Jwt {

		/**
		 * URI of the JSON Web Key Set whose keys sign valid tokens.
		 */
		private String jwkSetUri;

		/**
		 * Issuer that valid tokens name in their 'iss' claim; without a JWK Set URI, its
		 * OpenID Connect discovery document gives the keys.
		 */
		private String issuerUri;

		/**
		 * Audiences, one of which valid tokens must name in their 'aud' claim; empty for
		 * any.
		 */
		private List<String> audiences = new ArrayList<>();

		/**
		 * JWS algorithms valid tokens may be signed with.
		 */
		private List<String> jwsAlgorithms = new ArrayList<>(List.of("RS256"));

		/**
		 * Clock skew tolerated when checking the 'exp' and 'nbf' claims.
		 */
		private Duration clockSkew = Duration.ofSeconds(60);

		/**
		 * Whether every request on the public port must carry a valid token; otherwise
		 * only routes with 'requireJwt' require one.
		 */
		private boolean required;

		public String getJwkSetUri() {
			return this.jwkSetUri;
		}

		public void setJwkSetUri(String jwkSetUri) {
			this.jwkSetUri = jwkSetUri;
		}

		public String getIssuerUri() {
			return this.issuerUri;
		}

		public void setIssuerUri(String issuerUri) {
			this.issuerUri = issuerUri;
		}

		public List<String> getAudiences() {
			return this.audiences;
		}

		public void setAudiences(List<String> audiences) {
			this.audiences = audiences;
		}

		public List<String> getJwsAlgorithms() {
			return this.jwsAlgorithms;
		}

		public void setJwsAlgorithms(List<String> jwsAlgorithms) {
			this.jwsAlgorithms = jwsAlgorithms;
		}

		public Duration getClockSkew() {
			return this.clockSkew;
		}

		public void setClockSkew(Duration clockSkew) {
			this.clockSkew = clockSkew;
		}

		public boolean isRequired() {
			return this.required;
		}

		public void setRequired(boolean required) {
			this.required = required;
		}

	}

	/**
	 * How users of sticky splits keyed by a cookie get their cookie.
	 */
	public static class Sticky {

		/**
		 * Whether a request without the cookie of a sticky split gets one, a random id,
		 * and is split by it already, so that its user is sticky from the first request.
		 */
		private boolean issueCookie = true;

		/**
		 * How long an issued cookie lives (its Max-Age).
		 */
		private Duration cookieMaxAge = Duration.ofDays(30);

		public boolean isIssueCookie() {
			return this.issueCookie;
		}

		public void setIssueCookie(boolean issueCookie) {
			this.issueCookie = issueCookie;
		}

		public Duration getCookieMaxAge() {
			return this.cookieMaxAge;
		}

		public void setCookieMaxAge(Duration cookieMaxAge) {
			this.cookieMaxAge = cookieMaxAge;
		}

	}

	/**
	 * Direct forwarding: mesh routes served straight from Reactor Netty when nothing in
	 * the application needs WebFlux for a request.
	 */
	public static class Direct {

		/**
		 * Whether requests of mesh routes may be forwarded directly, without WebFlux and
		 * Spring Cloud Gateway's filter chain.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
