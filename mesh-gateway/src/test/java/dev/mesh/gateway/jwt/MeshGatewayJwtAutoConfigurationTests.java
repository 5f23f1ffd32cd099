package dev.mesh.gateway.jwt;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import dev.mesh.gateway.TestInboundRequest;

import static org.assertj.core.api.Assertions.assertThat;

class MeshGatewayJwtAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MeshGatewayJwtAutoConfiguration.class));

	@Test
	void leavesValidationOffWithoutAKeySetOrIssuer() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(ReactiveJwtDecoder.class)
				.hasSingleBean(JwtWebFilter.class)
				.hasSingleBean(JwtInboundStep.class);
			assertThat(context.getBean(JwtInboundStep.class)
				.accepts(TestInboundRequest.get("/").header("Authorization", "Bearer whatever"))).isTrue();
			GatewayJwt jwt = context.getBean(GatewayJwt.class);
			assertThat(jwt.enabled()).isFalse();
			assertThat(jwt.describe().tokens()).containsOnlyKeys("valid", "invalid", "missing", "error");
			MockServerWebExchange exchange = MockServerWebExchange
				.from(MockServerHttpRequest.get("/").header("Authorization", "Bearer whatever"));
			context.getBean(JwtWebFilter.class).filter(exchange, (passed) -> Mono.empty()).block();
			assertThat(exchange.getResponse().getStatusCode()).isNull();
			assertThat(JwtClaims.of(exchange)).isNull();
		});
	}

	@Test
	void validatesWithTheKeySetOrTheIssuersDiscoveryDocument() {
		this.runner.withPropertyValues("mesh.gateway.jwt.jwk-set-uri=https://issuer.example/jwks").run((context) -> {
			assertThat(context.getBean(ReactiveJwtDecoder.class)).isInstanceOf(NimbusReactiveJwtDecoder.class);
			assertThat(context.getBean(GatewayJwt.class).enabled()).isTrue();
			JwtInboundStep step = context.getBean(JwtInboundStep.class);
			assertThat(step.accepts(TestInboundRequest.get("/"))).isTrue();
			assertThat(step.accepts(TestInboundRequest.get("/").header("Authorization", "Bearer whatever"))).isFalse();
		});
		this.runner.withPropertyValues("mesh.gateway.jwt.issuer-uri=https://issuer.example").run((context) -> {
			assertThat(context.getBean(ReactiveJwtDecoder.class)).isInstanceOf(SupplierReactiveJwtDecoder.class);
			assertThat(context.getBean(GatewayJwt.class).describe().issuerUri()).isEqualTo("https://issuer.example");
		});
	}

	@Test
	void answersARequestWithoutATokenWhenEveryRequestNeedsOne() {
		this.runner
			.withPropertyValues("mesh.gateway.jwt.jwk-set-uri=https://issuer.example/jwks",
					"mesh.gateway.jwt.required=true")
			.run((context) -> {
				assertThat(context.getBean(JwtInboundStep.class).accepts(TestInboundRequest.get("/"))).isFalse();
				MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
				context.getBean(JwtWebFilter.class).filter(exchange, (passed) -> Mono.empty()).block();
				assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
				assertThat(exchange.getResponse().getHeaders().getFirst("WWW-Authenticate")).isEqualTo("Bearer");
				assertThat(context.getBean(GatewayJwt.class).describe().tokens()).containsEntry("missing", 1L);
			});
	}

	@Test
	void refusesToStartWhenATokenIsRequiredButNoneCanBeValidated() {
		this.runner.withPropertyValues("mesh.gateway.jwt.required=true")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("mesh.gateway.jwt.required is true but no token can be validated"));
	}

	@Test
	void refusesInvalidSettingsNamingTheProperty() {
		this.runner.withPropertyValues("mesh.gateway.jwt.jwk-set-uri=file:/etc/keys.json")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining(
						"mesh.gateway.jwt.jwk-set-uri: 'file:/etc/keys.json' is not an http or https URI"));
		this.runner
			.withPropertyValues("mesh.gateway.jwt.jwk-set-uri=https://issuer.example/jwks",
					"mesh.gateway.jwt.jws-algorithms=RS257")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("mesh.gateway.jwt.jws-algorithms: 'RS257'"));
	}

	@Test
	void backsOffForTheApplicationsOwnDecoder() {
		ReactiveJwtDecoder own = (token) -> Mono.empty();
		this.runner.withBean(ReactiveJwtDecoder.class, () -> own)
			.withPropertyValues("mesh.gateway.jwt.jwk-set-uri=https://issuer.example/jwks")
			.run((context) -> {
				assertThat(context.getBean(ReactiveJwtDecoder.class)).isSameAs(own);
				assertThat(context.getBean(GatewayJwt.class).enabled()).isTrue();
			});
	}

	@Test
	void needsSpringSecuritysResourceServer() {
		this.runner.withClassLoader(new FilteredClassLoader(NimbusReactiveJwtDecoder.class))
			.run((context) -> assertThat(context).doesNotHaveBean(JwtWebFilter.class)
				.doesNotHaveBean(GatewayJwt.class)
				.doesNotHaveBean(JwtInboundStep.class));
	}

}
