package dev.mesh.gateway.jwt;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierReactiveJwtDecoder;
import org.springframework.util.StringUtils;

import dev.mesh.gateway.MeshGatewayProperties;

/**
 * Builds the gateway's {@link ReactiveJwtDecoder} from {@code mesh.gateway.jwt.*}: keys
 * from the JWK Set URI (or, without one, from the issuer's OpenID Connect discovery
 * document, fetched at the first token), then Spring Security's default checks with the
 * configured clock skew, the issuer and the audience. Invalid settings stop the start
 * with the property they come from.
 */
final class JwtDecoders {

	private JwtDecoders() {
	}

	static ReactiveJwtDecoder create(MeshGatewayProperties.Jwt properties) {
		String jwkSetUri = properties.getJwkSetUri();
		String issuerUri = properties.getIssuerUri();
		check(jwkSetUri, "mesh.gateway.jwt.jwk-set-uri");
		check(issuerUri, "mesh.gateway.jwt.issuer-uri");
		Set<SignatureAlgorithm> algorithms = algorithms(properties.getJwsAlgorithms());
		OAuth2TokenValidator<Jwt> validator = validator(properties);
		if (StringUtils.hasText(jwkSetUri)) {
			NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri)
				.jwsAlgorithms((allowed) -> allowed.addAll(algorithms))
				.build();
			decoder.setJwtValidator(validator);
			return decoder;
		}
		return new SupplierReactiveJwtDecoder(() -> {
			NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withIssuerLocation(issuerUri)
				.jwsAlgorithms((allowed) -> allowed.addAll(algorithms))
				.build();
			decoder.setJwtValidator(validator);
			return decoder;
		});
	}

	static OAuth2TokenValidator<Jwt> validator(MeshGatewayProperties.Jwt properties) {
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		validators.add(new JwtTimestampValidator(properties.getClockSkew()));
		if (StringUtils.hasText(properties.getIssuerUri())) {
			validators.add(new JwtIssuerValidator(properties.getIssuerUri()));
		}
		List<String> audiences = List.copyOf(properties.getAudiences());
		if (!audiences.isEmpty()) {
			validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
					(aud) -> aud != null && !Collections.disjoint(aud, audiences)));
		}
		return JwtValidators.createDefaultWithValidators(validators);
	}

	private static Set<SignatureAlgorithm> algorithms(List<String> names) {
		if (names.isEmpty()) {
			throw new IllegalStateException("mesh.gateway.jwt.jws-algorithms must name at least one algorithm");
		}
		Set<SignatureAlgorithm> algorithms = new LinkedHashSet<>();
		for (String name : names) {
			SignatureAlgorithm algorithm = SignatureAlgorithm.from(name);
			if (algorithm == null) {
				throw new IllegalStateException("mesh.gateway.jwt.jws-algorithms: '" + name
						+ "' is not a JWS signature algorithm such as RS256");
			}
			algorithms.add(algorithm);
		}
		return algorithms;
	}

	private static void check(String uri, String property) {
		if (!StringUtils.hasText(uri)) {
			return;
		}
		URI parsed;
		try {
			parsed = URI.create(uri);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(property + ": '" + uri + "' is not a URI", ex);
		}
		boolean web = "https".equals(parsed.getScheme()) || "http".equals(parsed.getScheme());
		if (!web || parsed.getHost() == null) {
			throw new IllegalStateException(property + ": '" + uri + "' is not an http or https URI");
		}
	}

}
