package dev.mesh.gateway.jwt;

import java.util.List;
import java.util.function.Predicate;

import org.springframework.cloud.gateway.handler.predicate.AbstractRoutePredicateFactory;
import org.springframework.cloud.gateway.handler.predicate.GatewayPredicate;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

/**
 * The {@code JwtClaim} predicate of Spring Cloud Gateway routes: takes requests whose
 * validated JWT has a claim with a value, compared literally as {@link JwtClaims#has}
 * does ({@code JwtClaim=groups, admins}). Never takes a request without a valid token.
 */
public final class JwtClaimRoutePredicateFactory
		extends AbstractRoutePredicateFactory<JwtClaimRoutePredicateFactory.Config> {

	public JwtClaimRoutePredicateFactory() {
		super(Config.class);
	}

	@Override
	public List<String> shortcutFieldOrder() {
		return List.of("name", "value");
	}

	@Override
	public Predicate<ServerWebExchange> apply(Config config) {
		String name = config.getName();
		String value = config.getValue();
		Assert.hasText(name, "JwtClaim 'name' must not be empty");
		Assert.hasText(value, "JwtClaim 'value' must not be empty");
		return new GatewayPredicate() {

			@Override
			public boolean test(ServerWebExchange exchange) {
				JwtClaims claims = JwtClaims.of(exchange);
				return claims != null && claims.has(name, value);
			}

			@Override
			public String toString() {
				return "JwtClaim: " + name + "=" + value;
			}

		};
	}

	/**
	 * The claim a request's token must have.
	 */
	public static class Config {

		private String name;

		private String value;

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public String getValue() {
			return this.value;
		}

		public void setValue(String value) {
			this.value = value;
		}

	}

}
