package dev.mesh.gateway.direct;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration;
import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.event.RefreshRoutesResultEvent;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.LoadBalancerServiceInstanceCookieFilter;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.StripPrefixGatewayFilterFactory;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.web.cors.CorsConfiguration;
import reactor.netty.http.client.HttpClient;

import dev.mesh.core.MeshCoreAutoConfiguration;
import dev.mesh.discovery.MeshDiscoveryAutoConfiguration;
import dev.mesh.gateway.edge.MeshGatewayEdgeAutoConfiguration;
import dev.mesh.gateway.route.MeshGatewayRouteAutoConfiguration;
import dev.mesh.gateway.route.PolicyRouteLocator;
import dev.mesh.loadbalancer.MeshLoadBalancerAutoConfiguration;
import dev.mesh.resilience.MeshResilienceAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class MeshGatewayDirectAutoConfigurationTests {

	private static final String ROUTE = "mesh.gateway.routes[shop/catalog].";

	private final ReactiveWebApplicationContextRunner runner = gateway(MeshGatewayRouteAutoConfiguration.class);

	@Test
	void servesTheMeshRoutesDirectlyWhenEveryWebFilterHasItsStep() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(DirectForwarding.class)
				.hasSingleBean(DirectEndpointSection.class)
				.hasBean("meshDirectForwardingGate")
				.hasBean("meshDirectForwardingRoutes")
				.hasBean("meshDirectForwardingPort");
			DirectForwarding direct = context.getBean(DirectForwarding.class);
			assertThat(context.getBean(NettyRouteProvider.class)).isSameAs(direct);
			assertThat(direct.gate().on()).as(direct.gate().off()).isTrue();
			assertThat(direct.gate().steps()).isNotEmpty();
			assertThat(direct.describe().routes()).isEmpty();
			context.publishEvent(new RefreshRoutesResultEvent(context.getBean(PolicyRouteLocator.class)));
			assertThat(direct.describe().routes()).containsExactly(Map.entry("shop/catalog", "direct"));
			assertThat(context.getBean(DirectEndpointSection.class).name()).isEqualTo("gatewayDirect");
		});
	}

	@Test
	void servesNothingDirectlyWhenSwitchedOff() {
		this.runner.withPropertyValues("mesh.gateway.direct.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(PolicyRouteLocator.class)
				.doesNotHaveBean(DirectForwarding.class)
				.doesNotHaveBean(DirectEndpointSection.class)
				.doesNotHaveBean("meshDirectForwardingGate"));
	}

	@Test
	void staysAwayWithoutTheMeshRoutes() {
		gateway().run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(PolicyRouteLocator.class)
			.doesNotHaveBean(DirectForwarding.class));
	}

	@Test
	void staysAwayWithoutReactorNettysRouteProvider() {
		this.runner.withClassLoader(new FilteredClassLoader(NettyRouteProvider.class))
			.run((context) -> assertThat(context).hasSingleBean(PolicyRouteLocator.class)
				.doesNotHaveBean(DirectForwarding.class));
	}

	@Test
	void staysAwayOutsideReactiveWebApplications() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MeshGatewayDirectAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(DirectForwarding.class));
	}

	@Test
	void servesNothingDirectlyWithGlobalCorsOrABasePath() {
		GlobalCorsProperties cors = new GlobalCorsProperties();
		cors.getCorsConfigurations().put("/**", new CorsConfiguration().applyPermitDefaultValues());
		this.runner.withBean(GlobalCorsProperties.class, () -> cors)
			.run((context) -> assertThat(context.getBean(DirectForwarding.class).gate().off())
				.isEqualTo("CORS is configured"));
		this.runner.withPropertyValues("spring.webflux.base-path=/shop")
			.run((context) -> assertThat(context.getBean(DirectForwarding.class).gate().off())
				.isEqualTo("a WebFlux base path is set"));
	}

	@Test
	void servesNothingDirectlyWhenTheLoadBalancerAddsServiceInstanceCookies() {
		this.runner
			.withBean(LoadBalancerServiceInstanceCookieFilter.class,
					() -> new LoadBalancerServiceInstanceCookieFilter(null))
			.withPropertyValues("spring.cloud.loadbalancer.sticky-session.add-service-instance-cookie=true")
			.run((context) -> {
				assertThat(context.getBeansOfType(GlobalFilter.class)).isNotEmpty();
				assertThat(context.getBean(DirectForwarding.class).gate().off())
					.isEqualTo("the load balancer adds service instance cookies");
			});
	}

	@Test
	void leavesToWebFluxTheRoutesOfAServiceThatGetsServiceInstanceCookies() {
		this.runner
			.withBean(LoadBalancerServiceInstanceCookieFilter.class,
					() -> new LoadBalancerServiceInstanceCookieFilter(null))
			.withPropertyValues(
					"spring.cloud.loadbalancer.clients.catalog.sticky-session.add-service-instance-cookie=true")
			.run((context) -> {
				DirectForwarding direct = context.getBean(DirectForwarding.class);
				context.publishEvent(new RefreshRoutesResultEvent(context.getBean(PolicyRouteLocator.class)));
				// Spring Cloud Gateway's filter asks the load balancer for the properties
				// of the instance's service,
				// spring.cloud.loadbalancer.clients.<service>.*
				assertThat(direct.gate().on() && "direct".equals(direct.describe().routes().get("shop/catalog")))
					.as("shop/catalog served directly, without the cookie: %s, %s", direct.gate(),
							direct.describe().routes())
					.isFalse();
			});
	}

	@Test
	void callsBackendsWithItsOwnClientUnlessSpringCloudGatewaysIsCustomized() {
		this.runner.run((context) -> assertThat(context.getBean(DirectForwarding.class).describe().upstream())
			.satisfies((upstream) -> {
				assertThat(upstream.client()).isEqualTo("netty");
				assertThat(upstream.open()).isZero();
			}));
		this.runner.withBean(HttpClientCustomizer.class, () -> (client) -> client.wiretap(true))
			.run((context) -> assertThat(context.getBean(DirectForwarding.class).describe().upstream())
				.satisfies((upstream) -> {
					assertThat(upstream.client()).isEqualTo("spring-cloud-gateway");
					assertThat(upstream.note()).startsWith("the HttpClientCustomizer ");
				}));
	}

	@Test
	void leavesBackendsToSpringCloudGatewaysClientWhenItsSettingsDifferFromWhatItsOwnDoes() {
		assertThat(MeshGatewayDirectAutoConfiguration.nettyOff(new HttpClientProperties(), List.of())).isNull();
		HttpClientProperties fixed = new HttpClientProperties();
		fixed.getPool().setType(HttpClientProperties.Pool.PoolType.FIXED);
		assertThat(MeshGatewayDirectAutoConfiguration.nettyOff(fixed, List.of()))
			.isEqualTo("spring.cloud.gateway.server.webflux.httpclient.pool.type is FIXED");
		HttpClientProperties metrics = new HttpClientProperties();
		metrics.getPool().setMetrics(true);
		assertThat(MeshGatewayDirectAutoConfiguration.nettyOff(metrics, List.of())).contains("pool.metrics");
		HttpClientProperties proxy = new HttpClientProperties();
		proxy.getProxy().setHost("proxy.example");
		assertThat(MeshGatewayDirectAutoConfiguration.nettyOff(proxy, List.of())).contains("proxy");
		HttpClientProperties wiretap = new HttpClientProperties();
		wiretap.setWiretap(true);
		assertThat(MeshGatewayDirectAutoConfiguration.nettyOff(wiretap, List.of())).contains("wiretap");
		HttpClientProperties compression = new HttpClientProperties();
		compression.setCompression(true);
		assertThat(MeshGatewayDirectAutoConfiguration.nettyOff(compression, List.of())).contains("compression");
	}

	/**
	 * The gateway's auto-configurations and the parts of Spring Cloud Gateway they need,
	 * with one mesh route, and the route auto-configuration only when given.
	 */
	private static ReactiveWebApplicationContextRunner gateway(Class<?>... routes) {
		return new ReactiveWebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(MeshCoreAutoConfiguration.class, MeshDiscoveryAutoConfiguration.class,
							MeshLoadBalancerAutoConfiguration.class, MeshResilienceAutoConfiguration.class,
							MeshGatewayEdgeAutoConfiguration.class, MeshGatewayDirectAutoConfiguration.class))
			.withConfiguration(AutoConfigurations.of(routes))
			.withConfiguration(AutoConfigurations.of(WebFluxAutoConfiguration.class,
					ErrorWebFluxAutoConfiguration.class, CodecsAutoConfiguration.class))
			.withPropertyValues("spring.application.name=gateway", "mesh.control.enabled=false",
					"mesh.discovery.static.services.catalog=http://127.0.0.1:8083", ROUTE + "service=catalog",
					ROUTE + "match.path-prefix=/api/catalog")
			.withBean(ConfigurationService.class,
					() -> new ConfigurationService((BeanFactory) null, () -> null, () -> null))
			.withBean(StripPrefixGatewayFilterFactory.class, StripPrefixGatewayFilterFactory::new)
			.withBean(RetryGatewayFilterFactory.class, RetryGatewayFilterFactory::new)
			.withBean(HttpClient.class, HttpClient::create)
			.withBean(HttpClientProperties.class, HttpClientProperties::new);
	}

}
