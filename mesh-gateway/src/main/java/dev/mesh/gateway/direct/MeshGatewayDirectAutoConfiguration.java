package dev.mesh.gateway.direct;

import java.util.List;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.boot.webflux.autoconfigure.error.DefaultErrorWebExceptionHandler;
import org.springframework.boot.webflux.error.DefaultErrorAttributes;
import org.springframework.boot.webflux.error.ErrorAttributes;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.config.GatewayMetricsProperties;
import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.event.RefreshRoutesResultEvent;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.support.tagsprovider.GatewayTagsProvider;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.server.reactive.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.reactive.observation.ServerRequestObservationConvention;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.accept.ApiVersionStrategy;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;
import reactor.netty.http.HttpDecoderSpec;
import reactor.netty.http.client.HttpClient;

import dev.mesh.discovery.MeshServiceInstance;
import dev.mesh.gateway.MeshGatewayProperties;
import dev.mesh.gateway.actuate.GatewayRequestMetrics;
import dev.mesh.gateway.edge.ClientAddressHeadersFilter;
import dev.mesh.gateway.route.MeshGatewayRouteAutoConfiguration;
import dev.mesh.gateway.route.PolicyRouteLocator;
import dev.mesh.inbound.InboundStep;
import dev.mesh.loadbalancer.MeshLoadBalancer;
import dev.mesh.mtls.OutboundTls;
import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.resilience.MeshResilience;

/**
 * Auto-configuration of direct forwarding: the gateway's mesh routes served straight from
 * Reactor Netty when nothing in the application needs WebFlux for them. On by default;
 * {@code mesh.gateway.direct.enabled=false} serves every request through WebFlux and
 * Spring Cloud Gateway.
 */
@AutoConfiguration(after = MeshGatewayRouteAutoConfiguration.class,
		afterName = "dev.mesh.gateway.actuate.MeshGatewayEndpointAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(NettyRouteProvider.class)
@ConditionalOnBean({ PolicyRouteLocator.class, MeshLoadBalancer.class, MeshResilience.class,
		ClientAddressHeadersFilter.class, HttpClient.class, HttpClientProperties.class })
@ConditionalOnBooleanProperty(name = "mesh.gateway.direct.enabled", matchIfMissing = true)
public final class MeshGatewayDirectAutoConfiguration {

	private static final String TRACER = "io.micrometer.tracing.Tracer";

	private static final String MESH_TLS = "dev.mesh.mtls.MeshGatewayTls";

	private static final int DEFAULT_MAX_INITIAL_LINE_LENGTH = HttpDecoderSpec.DEFAULT_MAX_INITIAL_LINE_LENGTH;

	private static final int DEFAULT_MAX_HEADER_SIZE = HttpDecoderSpec.DEFAULT_MAX_HEADER_SIZE;

	private static final String SERVER_REQUESTS = "http.server.requests";

	private static final String SERVICE_INSTANCE_COOKIE = "spring.cloud.loadbalancer.sticky-session.add-service-instance-cookie";

	@Bean
	@ConditionalOnMissingBean
	DirectForwarding meshDirectForwarding(HttpClient httpClient, HttpClientProperties httpClientProperties,
			ObjectProvider<HttpClientCustomizer> customizers, MeshLoadBalancer loadBalancer,
			ObjectProvider<OutboundTls> outboundTls, MeshResilience resilience, ClientAddressHeadersFilter addresses,
			ObjectProvider<GatewayRequestMetrics> metrics) {
		HttpClient client = (httpClientProperties.getConnectTimeout() != null)
				? httpClient.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, httpClientProperties.getConnectTimeout())
				: httpClient;
		OutboundTls tls = outboundTls.getIfAvailable();
		Function<MeshInstance, MeshServiceInstance> transport = (tls != null) ? tls::serviceInstance
				: MeshServiceInstance::new;
		String nettyOff = nettyOff(httpClientProperties, customizers.orderedStream().toList());
		NettyUpstream netty = (nettyOff != null) ? null : new NettyUpstream(nettySettings(httpClientProperties));
		return new DirectForwarding(
				new DirectForwarder(new ReactorUpstream(client), netty, nettyOff,
						httpClientProperties.getResponseTimeout(), loadBalancer, transport, resilience, addresses),
				metrics.getIfAvailable(), addresses);
	}

	/**
	 * Why Spring Cloud Gateway's client is set up in a way the Netty client does not
	 * repeat for plain HTTP: a pool other than the default elastic one or with metrics, a
	 * proxy, wiretap, compression, or a customizer other than the mesh's TLS (which only
	 * acts on https).
	 * @return the reason, {@code null} when the Netty client stands in for it
	 */
	static String nettyOff(HttpClientProperties properties, List<HttpClientCustomizer> customizers) {
		HttpClientProperties.Pool pool = properties.getPool();
		if (pool.getType() != HttpClientProperties.Pool.PoolType.ELASTIC) {
			return "spring.cloud.gateway.server.webflux.httpclient.pool.type is " + pool.getType();
		}
		if (pool.isMetrics()) {
			return "spring.cloud.gateway.server.webflux.httpclient.pool.metrics is on";
		}
		if (StringUtils.hasText(properties.getProxy().getHost())) {
			return "spring.cloud.gateway.server.webflux.httpclient.proxy is set";
		}
		if (properties.isWiretap()) {
			return "spring.cloud.gateway.server.webflux.httpclient.wiretap is on";
		}
		if (properties.isCompression()) {
			return "spring.cloud.gateway.server.webflux.httpclient.compression is on";
		}
		for (HttpClientCustomizer customizer : customizers) {
			if (!customizer.getClass().getName().equals(MESH_TLS)) {
				return "the HttpClientCustomizer " + customizer.getClass().getName();
			}
		}
		return null;
	}

	private static NettyUpstream.Settings nettySettings(HttpClientProperties properties) {
		HttpClientProperties.Pool pool = properties.getPool();
		return new NettyUpstream.Settings(properties.getConnectTimeout(),
				(properties.getMaxInitialLineLength() != null) ? (int) properties.getMaxInitialLineLength().toBytes()
						: DEFAULT_MAX_INITIAL_LINE_LENGTH,
				(properties.getMaxHeaderSize() != null) ? (int) properties.getMaxHeaderSize().toBytes()
						: DEFAULT_MAX_HEADER_SIZE,
				pool.getMaxIdleTime(), pool.getMaxLifeTime(),
				pool.getLeasingStrategy() == HttpClientProperties.Pool.LeasingStrategy.LIFO);
	}

	@Bean
	static SmartInitializingSingleton meshDirectForwardingGate(ObjectProvider<DirectForwarding> forwarding,
			ObjectProvider<WebFilter> webFilters, ObjectProvider<InboundStep> steps,
			ObjectProvider<GlobalFilter> globalFilters, ObjectProvider<HttpHeadersFilter> headerFilters,
			ObjectProvider<HandlerMapping> handlerMappings, ObjectProvider<GlobalCorsProperties> cors,
			ObjectProvider<ForwardedHeaderTransformer> forwardedHeaders, ObjectProvider<ApiVersionStrategy> apiVersions,
			ObjectProvider<GatewayTagsProvider> tagsProviders,
			ObjectProvider<GatewayMetricsProperties> metricsProperties, ObjectProvider<MeterRegistry> meterRegistry,
			ObjectProvider<ErrorWebExceptionHandler> errorHandlers, ObjectProvider<ErrorAttributes> errorAttributes,
			ObjectProvider<WebProperties> webProperties, ObjectProvider<ObservationRegistry> observations,
			ObjectProvider<ServerRequestObservationConvention> conventions, Environment environment,
			ListableBeanFactory beans) {
		return () -> {
			DirectForwarding direct = forwarding.getObject();
			List<HandlerMapping> mappings = handlerMappings.orderedStream()
				.filter((mapping) -> !(mapping instanceof RoutePredicateHandlerMapping))
				.toList();
			int gatewayOrder = handlerMappings.orderedStream()
				.filter(RoutePredicateHandlerMapping.class::isInstance)
				.map((mapping) -> ((RoutePredicateHandlerMapping) mapping).getOrder())
				.findFirst()
				.orElse(Integer.MIN_VALUE);
			GlobalCorsProperties corsProperties = cors.getIfAvailable();
			direct.gate(DirectGate
				.check(new DirectGate.Application(webFilters.orderedStream().toList(), steps.orderedStream().toList(),
						globalFilters.orderedStream().toList(), headerFilters.orderedStream().toList(), mappings,
						gatewayOrder, environment.getProperty(SERVICE_INSTANCE_COOKIE, Boolean.class, false),
						ClassUtils.isPresent(TRACER, null)
								&& beans.getBeanNamesForType(ClassUtils.resolveClassName(TRACER, null)).length > 0,
						corsProperties != null && !corsProperties.getCorsConfigurations().isEmpty(),
						StringUtils.hasText(environment.getProperty("spring.webflux.base-path")),
						forwardedHeaders.getIfAvailable() != null, apiVersions.getIfAvailable() != null,
						tagsProviders.orderedStream().toList(),
						metricsProperties.getIfAvailable(GatewayMetricsProperties::new).getTags(),
						meterRegistry.getIfAvailable(),
						defaultErrors(errorHandlers.orderedStream().toList(), errorAttributes.getIfAvailable(),
								webProperties.getIfAvailable(WebProperties::new).getError()),
						(observations.getIfAvailable() != null) ? serverTimer(environment) : null,
						conventions.orderedStream()
							.anyMatch((convention) -> convention
								.getClass() != DefaultServerRequestObservationConvention.class))));
		};
	}

	/**
	 * The name of the timer of WebFlux's server observation, unless
	 * {@code management.observations.enable} turns the observation off (its name, a
	 * prefix of it, or {@code all}).
	 */
	private static String serverTimer(Environment environment) {
		String name = environment.getProperty("management.observations.http.server.requests.name", SERVER_REQUESTS);
		for (String key = name; !key.isEmpty(); key = (key.lastIndexOf('.') > 0)
				? key.substring(0, key.lastIndexOf('.')) : "") {
			Boolean enabled = environment.getProperty("management.observations.enable." + key, Boolean.class);
			if (enabled != null) {
				return enabled ? name : null;
			}
		}
		return environment.getProperty("management.observations.enable.all", Boolean.class, true) ? name : null;
	}

	/**
	 * Whether errors are answered by Spring Boot's error handling with its default
	 * settings: one handler, Boot's, with Boot's error attributes, including the path and
	 * nothing more than the defaults.
	 */
	private static boolean defaultErrors(List<ErrorWebExceptionHandler> handlers, ErrorAttributes attributes,
			ErrorProperties properties) {
		ErrorProperties defaults = new ErrorProperties();
		return handlers.size() == 1 && handlers.get(0).getClass() == DefaultErrorWebExceptionHandler.class
				&& attributes != null && attributes.getClass() == DefaultErrorAttributes.class
				&& properties.isIncludeException() == defaults.isIncludeException()
				&& properties.getIncludeStacktrace() == defaults.getIncludeStacktrace()
				&& properties.getIncludeMessage() == defaults.getIncludeMessage()
				&& properties.getIncludeBindingErrors() == defaults.getIncludeBindingErrors()
				&& properties.getIncludePath() == defaults.getIncludePath();
	}

	@Bean
	ApplicationListener<RefreshRoutesResultEvent> meshDirectForwardingRoutes(DirectForwarding direct,
			RouteLocator routes, PolicyRouteLocator policyRoutes, MeshGatewayProperties properties,
			Environment environment) {
		boolean issueCookies = properties.getSticky().isIssueCookie();
		return (event) -> routes.getRoutes()
			.collectList()
			.subscribe((served) -> direct.routes(served, policyRoutes, issueCookies,
					(service) -> serviceInstanceCookies(environment, service)));
	}

	/**
	 * Whether the load balancer's {@code LoadBalancerServiceInstanceCookieFilter} adds
	 * its cookie to the requests of a service: the service's own setting, else the global
	 * one.
	 */
	private static boolean serviceInstanceCookies(Environment environment, String service) {
		Boolean own = environment.getProperty(
				"spring.cloud.loadbalancer.clients." + service + ".sticky-session.add-service-instance-cookie",
				Boolean.class);
		return (own != null) ? own : environment.getProperty(SERVICE_INSTANCE_COOKIE, Boolean.class, false);
	}

	@Bean
	ApplicationListener<WebServerInitializedEvent> meshDirectForwardingPort(DirectForwarding direct) {
		return (event) -> {
			if (event.getApplicationContext().getServerNamespace() == null) {
				direct.publicPort(event.getWebServer().getPort());
			}
		};
	}

	@Bean
	DirectEndpointSection meshDirectEndpointSection(DirectForwarding direct) {
		return new DirectEndpointSection(direct);
	}

	@Bean
	MeterBinder meshDirectConnectionMetrics(DirectForwarding direct) {
		return direct::bindTo;
	}

}
