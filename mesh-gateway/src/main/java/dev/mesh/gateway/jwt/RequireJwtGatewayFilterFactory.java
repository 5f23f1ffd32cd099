package dev.mesh.gateway.jwt;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;

/**
 * The {@code RequireJwt} filter of Spring Cloud Gateway routes: a request without a valid
 * JWT is answered {@code 401}, as on a mesh route with {@code requireJwt}.
 */
public final class RequireJwtGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

	private final GatewayJwt jwt;

	/**
	 * Create the factory.
	 * @param jwt the gateway's JWT validation
	 */
	public RequireJwtGatewayFilterFactory(GatewayJwt jwt) {
		this.jwt = jwt;
	}

	@Override
	public GatewayFilter apply(Object config) {
		return new JwtRequiredGatewayFilter(this.jwt);
	}

}
