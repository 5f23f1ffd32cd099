package dev.mesh.gateway.jwt;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.mesh.gateway.MeshGatewayProperties;

/**
 * JWT validation at the gateway as configured ({@code mesh.gateway.jwt.*}): whether it is
 * on, whether every request needs a token, and what happened to the tokens, counted in
 * {@value #METER} by {@code result}: {@code valid}, {@code invalid} (401),
 * {@code missing} (no token where one is required: 401) and {@code error} (the keys could
 * not be fetched).
 */
public final class GatewayJwt {

	/**
	 * Name of the counter of tokens.
	 */
	public static final String METER = "mesh.gateway.jwt";

	private static final byte[] MISSING_BODY = "{\"status\":401,\"error\":\"Unauthorized\",\"detail\":\"a bearer token is required\"}"
		.getBytes(StandardCharsets.UTF_8);

	private final MeshGatewayProperties.Jwt properties;

	private final boolean enabled;

	private final Supplier<MeterRegistry> registry;

	private final LongAdder[] counts = new LongAdder[Result.values().length];

	private final Counter[] counters = new Counter[Result.values().length];

	GatewayJwt(MeshGatewayProperties.Jwt properties, boolean enabled, Supplier<MeterRegistry> registry) {
		this.properties = properties;
		this.enabled = enabled;
		this.registry = registry;
		for (int i = 0; i < this.counts.length; i++) {
			this.counts[i] = new LongAdder();
		}
	}

	/**
	 * Return JWT validation as it is without configuration: off, so that no request
	 * carries validated claims and routes requiring a token answer 401.
	 * @return validation that is off
	 */
	public static GatewayJwt off() {
		return new GatewayJwt(new MeshGatewayProperties.Jwt(), false, () -> null);
	}

	/**
	 * Return whether tokens are validated.
	 * @return whether a JWK Set or an issuer is configured
	 */
	public boolean enabled() {
		return this.enabled;
	}

	/**
	 * Return whether every request on the public port needs a valid token; read at each
	 * request, so a change of {@code mesh.gateway.jwt.required} applies at once.
	 * @return whether a token is required
	 */
	boolean required() {
		return this.properties.isRequired();
	}

	/**
	 * Pass on a request that needs a token if it has a valid one; otherwise answer it
	 * {@code 401} with {@code WWW-Authenticate: Bearer}, counted as {@code missing}. A
	 * CORS preflight request passes without: browsers never send credentials with one.
	 * @param exchange the exchange
	 * @param chain what to do with a request that may pass
	 * @return completion of the request
	 */
	public Mono<Void> require(ServerWebExchange exchange, Function<ServerWebExchange, Mono<Void>> chain) {
		if (JwtClaims.of(exchange) != null || CorsUtils.isPreFlightRequest(exchange.getRequest())) {
			return chain.apply(exchange);
		}
		return missing(exchange);
	}

	private Mono<Void> missing(ServerWebExchange exchange) {
		record(Result.MISSING);
		exchange.getResponse().setStatusCode(HttpStatus.UNAUTHORIZED);
		HttpHeaders headers = exchange.getResponse().getHeaders();
		headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		DataBuffer body = exchange.getResponse().bufferFactory().wrap(MISSING_BODY);
		return exchange.getResponse().writeWith(Mono.just(body));
	}

	void record(Result result) {
		this.counts[result.ordinal()].increment();
		Counter counter = this.counters[result.ordinal()];
		if (counter == null) {
			MeterRegistry meters = this.registry.get();
			if (meters == null) {
				return;
			}
			counter = Counter.builder(METER)
				.description("Bearer tokens the gateway checked, by result")
				.tag("result", result.tag())
				.register(meters);
			this.counters[result.ordinal()] = counter;
		}
		counter.increment();
	}

	/**
	 * Describe JWT validation for {@code /actuator/mesh}.
	 * @return the description
	 */
	public Descriptor describe() {
		Map<String, Long> tokens = new LinkedHashMap<>();
		for (Result result : Result.values()) {
			tokens.put(result.tag(), this.counts[result.ordinal()].sum());
		}
		return new Descriptor(this.enabled, this.properties.isRequired(), this.properties.getIssuerUri(),
				this.properties.getJwkSetUri(), List.copyOf(this.properties.getAudiences()), tokens);
	}

	/**
	 * What happened to a request's token.
	 */
	enum Result {

		VALID, INVALID, MISSING, ERROR;

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * JWT validation at the gateway.
	 *
	 * @param enabled whether tokens are validated
	 * @param required whether every request on the public port needs a valid token
	 * (otherwise only routes with {@code requireJwt} need one)
	 * @param issuerUri the issuer valid tokens name, {@code null} for any
	 * @param jwkSetUri where the signing keys are fetched, {@code null} when the issuer's
	 * discovery document says
	 * @param audiences the audiences valid tokens name one of, empty for any
	 * @param tokens tokens checked since the start, by result
	 */
	public record Descriptor(boolean enabled, boolean required, String issuerUri, String jwkSetUri,
			List<String> audiences, Map<String, Long> tokens) {

	}

}
