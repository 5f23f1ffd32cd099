package dev.mesh.gateway;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The gateway on a random port in front of the {@link TestMesh}, validating tokens of the
 * {@link TestIssuer}, without a control service: one application context shared by every
 * integration test class carrying this annotation. Each test pushes the policy it needs.
 * Its {@code application.yml} routes come after the mesh routes ({@code order=100}, as in
 * the gateway's own configuration), so that mesh routes are served as they are by
 * default: directly, where nothing needs WebFlux
 * ({@link DirectForwardingIntegrationTests} compares that path with Spring Cloud
 * Gateway's).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "mesh.control.enabled=false",
		"mesh.gateway.mirror.timeout=10s", "mesh.gateway.edge.max-request-size=64KB",
		"spring.cloud.gateway.server.webflux.trusted-proxies=10\\.1\\.2\\.3",
		"spring.cloud.gateway.server.webflux.routes[0].id=yml-storefront",
		"spring.cloud.gateway.server.webflux.routes[0].uri=lb://storefront",
		"spring.cloud.gateway.server.webflux.routes[0].order=100",
		"spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/yml/**",
		"spring.cloud.gateway.server.webflux.routes[0].filters[0]=StripPrefix=1",
		"spring.cloud.gateway.server.webflux.routes[1].id=yml-evil",
		"spring.cloud.gateway.server.webflux.routes[1].uri=lb://storefront",
		"spring.cloud.gateway.server.webflux.routes[1].order=100",
		"spring.cloud.gateway.server.webflux.routes[1].predicates[0]=Path=/evil/**",
		"spring.cloud.gateway.server.webflux.routes[1].filters[0]=AddRequestHeader=X-Evil, #{@expressionProbe.trip()}",
		"spring.cloud.gateway.server.webflux.routes[2].id=yml-limited",
		"spring.cloud.gateway.server.webflux.routes[2].uri=lb://storefront",
		"spring.cloud.gateway.server.webflux.routes[2].order=100",
		"spring.cloud.gateway.server.webflux.routes[2].predicates[0]=Path=/limited/**",
		"spring.cloud.gateway.server.webflux.routes[2].filters[0].name=RequestRateLimiter",
		"spring.cloud.gateway.server.webflux.routes[2].filters[0].args.local-rate-limiter.replenish-rate=1",
		"spring.cloud.gateway.server.webflux.routes[2].filters[0].args.local-rate-limiter.burst-capacity=3",
		"spring.cloud.gateway.server.webflux.routes[3].id=yml-admins",
		"spring.cloud.gateway.server.webflux.routes[3].uri=lb://storefront",
		"spring.cloud.gateway.server.webflux.routes[3].order=100",
		"spring.cloud.gateway.server.webflux.routes[3].predicates[0]=Path=/yml-admins/**",
		"spring.cloud.gateway.server.webflux.routes[3].predicates[1]=JwtClaim=groups, admins",
		"spring.cloud.gateway.server.webflux.routes[4].id=yml-members",
		"spring.cloud.gateway.server.webflux.routes[4].uri=lb://storefront",
		"spring.cloud.gateway.server.webflux.routes[4].order=100",
		"spring.cloud.gateway.server.webflux.routes[4].predicates[0]=Path=/yml-members/**",
		"spring.cloud.gateway.server.webflux.routes[4].filters[0]=RequireJwt" })
@ContextConfiguration(initializers = { TestMesh.Initializer.class, TestIssuer.Initializer.class })
@Import(ExpressionProbe.Configuration.class)
@interface GatewayIntegrationTest {

}
