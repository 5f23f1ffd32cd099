package dev.mesh.gateway.direct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.cloud.gateway.filter.AdaptCachedBodyGlobalFilter;
import org.springframework.cloud.gateway.filter.ForwardPathFilter;
import org.springframework.cloud.gateway.filter.GatewayMetricsFilter;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.LoadBalancerServiceInstanceCookieFilter;
import org.springframework.cloud.gateway.filter.RemoveCachedBodyFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveForwardedHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveHopByHopHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.TransferEncodingNormalizationHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.XForwardedHeadersFilter;
import org.springframework.cloud.gateway.support.tagsprovider.GatewayHttpTagsProvider;
import org.springframework.cloud.gateway.support.tagsprovider.GatewayRouteTagsProvider;
import org.springframework.cloud.gateway.support.tagsprovider.GatewayTagsProvider;
import org.springframework.cloud.gateway.support.tagsprovider.PropertiesTagsProvider;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import dev.mesh.inbound.InboundRefusal;
import dev.mesh.inbound.InboundRequestView;
import dev.mesh.inbound.InboundStep;

/**
 * What the gate finds in an application like the gateway: Spring Cloud Gateway's own
 * filters, two web filters with their steps, an empty router function mapping and a
 * request mapping without methods ahead of Spring Cloud Gateway's mapping.
 */
final class FoundApplication {

	/**
	 * The order of Spring Cloud Gateway's handler mapping.
	 */
	static final int GATEWAY_ORDER = 1;

	final List<WebFilter> webFilters = new ArrayList<>(List.of(new First(), new Second()));

	final List<InboundStep> steps = new ArrayList<>(List.of(new Step(First.class), new Step(Second.class)));

	final List<GlobalFilter> globalFilters = new ArrayList<>(List.of(new AdaptCachedBodyGlobalFilter(),
			new RemoveCachedBodyFilter(), new RouteToRequestUrlFilter(), new ForwardPathFilter(),
			new LoadBalancerServiceInstanceCookieFilter(null), new GatewayMetricsFilter(new SimpleMeterRegistry(),
					List.of(new GatewayHttpTagsProvider()), "spring.cloud.gateway")));

	final List<HttpHeadersFilter> headerFilters = new ArrayList<>(
			List.of(new RemoveHopByHopHeadersFilter(), new RemoveForwardedHeadersFilter(),
					new XForwardedHeadersFilter(), new TransferEncodingNormalizationHeadersFilter()));

	final List<HandlerMapping> handlerMappings = new ArrayList<>(
			List.of(new RouterFunctionMapping(), new RequestMappingHandlerMapping()));

	final List<GatewayTagsProvider> tagsProviders = new ArrayList<>(List.of(new GatewayHttpTagsProvider(),
			new GatewayRouteTagsProvider(), new PropertiesTagsProvider(Map.of("region", "eu"))));

	boolean serviceInstanceCookie;

	boolean tracing;

	boolean cors;

	boolean basePath;

	boolean forwardedHeaderTransformer;

	boolean apiVersioning;

	boolean defaultErrors = true;

	String serverTimer = "http.server.requests";

	boolean customServerObservation;

	MeterRegistry registry = new SimpleMeterRegistry();

	FoundApplication() {
		((RouterFunctionMapping) this.handlerMappings.get(0)).setOrder(-1);
		((RequestMappingHandlerMapping) this.handlerMappings.get(1)).setOrder(0);
	}

	DirectGate check() {
		return DirectGate.check(new DirectGate.Application(this.webFilters, this.steps, this.globalFilters,
				this.headerFilters, this.handlerMappings, GATEWAY_ORDER, this.serviceInstanceCookie, this.tracing,
				this.cors, this.basePath, this.forwardedHeaderTransformer, this.apiVersioning, this.tagsProviders,
				Map.of("region", "eu"), this.registry, this.defaultErrors, this.serverTimer,
				this.customServerObservation));
	}

	static final class First implements WebFilter {

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			return chain.filter(exchange);
		}

	}

	static final class Second implements WebFilter {

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			return chain.filter(exchange);
		}

	}

	record Step(Class<?> webFilter) implements InboundStep {

		@Override
		public InboundRefusal apply(InboundRequestView request) {
			return null;
		}

	}

	public static final class Handler {

		public Mono<String> handle() {
			return Mono.just("own");
		}

	}

}
