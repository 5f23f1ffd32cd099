package dev.mesh.gateway.direct;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.AdaptCachedBodyGlobalFilter;
import org.springframework.cloud.gateway.filter.ForwardPathFilter;
import org.springframework.cloud.gateway.filter.GatewayMetricsFilter;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.LoadBalancerServiceInstanceCookieFilter;
import org.springframework.cloud.gateway.filter.RemoveCachedBodyFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.filter.headers.ForwardedHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveForwardedHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveHopByHopHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveXForwardedHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.TransferEncodingNormalizationHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.XForwardedHeadersFilter;
import org.springframework.cloud.gateway.support.tagsprovider.GatewayHttpTagsProvider;
import org.springframework.cloud.gateway.support.tagsprovider.GatewayRouteTagsProvider;
import org.springframework.cloud.gateway.support.tagsprovider.GatewayTagsProvider;
import org.springframework.cloud.gateway.support.tagsprovider.PropertiesTagsProvider;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import dev.mesh.gateway.direct.DirectGate.ForwardedHeaders;
import dev.mesh.inbound.InboundRefusal;
import dev.mesh.inbound.InboundRequestView;
import dev.mesh.inbound.InboundStep;

import static org.assertj.core.api.Assertions.assertThat;

class DirectGateTests {

	private static final int GATEWAY_ORDER = 1;

	@Test
	void servesWithSpringCloudGatewaysOwnFiltersAndEveryWebFilterStepped() {
		Found found = new Found();
		DirectGate gate = found.check();
		assertThat(gate.on()).as(gate.off()).isTrue();
		assertThat(gate.off()).isNull();
		assertThat(gate.timer()).isNotNull();
		assertThat(gate.forwarded()).isEqualTo(new ForwardedHeaders(true, true, true));
		assertThat(gate.reserves("/anything")).isFalse();
	}

	@Test
	void runsTheStepsInTheOrderOfTheirWebFilters() {
		Found found = new Found();
		Collections.reverse(found.steps);
		assertThat(found.steps).extracting(InboundStep::webFilter).containsExactly(Second.class, First.class);
		assertThat(found.check().steps()).extracting(InboundStep::webFilter).containsExactly(First.class, Second.class);
	}

	@Test
	void turnsOffForAWebFilterWithoutAStep() {
		Found found = new Found();
		found.steps.remove(1);
		assertOff(found, "web filter " + Second.class.getName() + " has no inbound step");
	}

	@Test
	void turnsOffForAGlobalFilterItDoesNotKnowEvenASubclassOfOneItKnows() {
		Found lambda = new Found();
		lambda.globalFilters.add((exchange, chain) -> chain.filter(exchange));
		assertOff(lambda, "acts on every route");
		Found subclass = new Found();
		subclass.globalFilters.add(new RouteToRequestUrlFilter() {
		});
		assertOff(subclass, "global filter " + DirectGateTests.class.getName() + "$");
	}

	@Test
	void turnsOffForARequestTimerWithTagsItCannotGiveOrNoRegistry() {
		Found tagged = new Found();
		tagged.tagsProviders.add((exchange) -> Tags.of("tenant", "t"));
		assertOff(tagged, "tags every request");
		Found unregistered = new Found();
		unregistered.registry = null;
		assertOff(unregistered, "request timer has no registry");
	}

	@Test
	void turnsOffForHeaderFiltersItDoesNotKnowOrHopByHopHeadersConfigured() {
		Found unknown = new Found();
		unknown.headerFilters.add((headers, exchange) -> headers);
		assertOff(unknown, "acts on every route");
		Found hopByHop = new Found();
		RemoveHopByHopHeadersFilter configured = new RemoveHopByHopHeadersFilter();
		configured.setHeaders(Set.of("connection", "x-internal"));
		hopByHop.headerFilters.set(0, configured);
		assertOff(hopByHop, "the hop-by-hop headers removed are configured");
	}

	@Test
	void turnsOffForAHandlerMappingAheadOfSpringCloudGatewaysThatCouldTakeAnyRequest() {
		Found urls = new Found();
		SimpleUrlHandlerMapping ahead = new SimpleUrlHandlerMapping(Map.of("/x", new Object()), GATEWAY_ORDER - 1);
		urls.handlerMappings.add(ahead);
		assertOff(urls, "handler mapping " + SimpleUrlHandlerMapping.class.getName() + " comes before");
		urls.handlerMappings.set(urls.handlerMappings.size() - 1, new SimpleUrlHandlerMapping(Map.of(), 2));
		assertThat(urls.check().on()).isTrue();
		Found functions = new Found();
		RouterFunctionMapping routed = new RouterFunctionMapping(
				RouterFunctions.route().GET("/fn", (request) -> ServerResponse.ok().build()).build());
		routed.setOrder(-1);
		functions.handlerMappings.set(0, routed);
		assertOff(functions, "handler mapping " + RouterFunctionMapping.class.getName() + " comes before");
	}

	@Test
	void leavesThePathsOfHandlerMethodsAheadOfSpringCloudGatewayToWebFlux() throws Exception {
		Found found = new Found();
		RequestMappingHandlerMapping methods = (RequestMappingHandlerMapping) found.handlerMappings.get(1);
		methods.registerMapping(RequestMappingInfo.paths("/own/**", "/items/{id}").build(), new Handler(),
				Handler.class.getMethod("handle"));
		RequestMappingHandlerMapping late = new RequestMappingHandlerMapping();
		late.setOrder(GATEWAY_ORDER + 1);
		late.registerMapping(RequestMappingInfo.paths("/late").build(), new Handler(),
				Handler.class.getMethod("handle"));
		found.handlerMappings.add(late);
		DirectGate gate = found.check();
		assertThat(gate.on()).isTrue();
		assertThat(gate.reserves("/own")).isTrue();
		assertThat(gate.reserves("/own/a/b")).isTrue();
		assertThat(gate.reserves("/items/7")).isTrue();
		assertThat(gate.reserves("/items/7/parts")).isFalse();
		assertThat(gate.reserves("/owner")).isFalse();
		assertThat(gate.reserves("/late")).isFalse();
	}

	@Test
	void turnsOffForSettingsThatActOnEveryRequest() {
		Map<String, Consumer<Found>> settings = Map.of("the load balancer adds service instance cookies",
				(found) -> found.serviceInstanceCookie = true, "tracing is on", (found) -> found.tracing = true,
				"CORS is configured", (found) -> found.cors = true, "a WebFlux base path is set",
				(found) -> found.basePath = true, "WebFlux rewrites forwarded headers",
				(found) -> found.forwardedHeaderTransformer = true, "API versioning is configured",
				(found) -> found.apiVersioning = true);
		settings.forEach((reason, setting) -> {
			Found found = new Found();
			setting.accept(found);
			assertOff(found, reason);
		});
	}

	@Test
	void tellsWhichForwardedHeadersSpringCloudGatewayRemovesAndExtends() {
		assertThat(ForwardedHeaders.of(List.of(new RemoveHopByHopHeadersFilter())))
			.isEqualTo(new ForwardedHeaders(false, false, false));
		assertThat(
				ForwardedHeaders.of(List.of(new RemoveForwardedHeadersFilter(), new RemoveXForwardedHeadersFilter())))
			.isEqualTo(new ForwardedHeaders(true, true, false));
		assertThat(ForwardedHeaders.of(List.of(new RemoveXForwardedHeadersFilter())))
			.isEqualTo(new ForwardedHeaders(false, true, false));
		assertThat(ForwardedHeaders.of(List.of(new ForwardedHeadersFilter(), new RemoveXForwardedHeadersFilter())))
			.isEqualTo(new ForwardedHeaders(true, true, true));
		assertThat(ForwardedHeaders.of(List.of(new XForwardedHeadersFilter())))
			.isEqualTo(new ForwardedHeaders(false, true, true));
		Found found = new Found();
		found.headerFilters.removeIf(XForwardedHeadersFilter.class::isInstance);
		found.headerFilters.add(new RemoveXForwardedHeadersFilter());
		assertThat(found.check().forwarded()).isEqualTo(new ForwardedHeaders(true, true, false));
	}

	private static void assertOff(Found found, String reason) {
		DirectGate gate = found.check();
		assertThat(gate.on()).as(reason).isFalse();
		assertThat(gate.off()).contains(reason);
		assertThat(gate.steps()).isEmpty();
	}

	/**
	 * What the gate finds in an application like the gateway: Spring Cloud Gateway's own
	 * filters, two web filters with their steps, an empty router function mapping and a
	 * request mapping without methods ahead of Spring Cloud Gateway's mapping.
	 */
	private static final class Found {

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

		MeterRegistry registry = new SimpleMeterRegistry();

		Found() {
			((RouterFunctionMapping) this.handlerMappings.get(0)).setOrder(-1);
			((RequestMappingHandlerMapping) this.handlerMappings.get(1)).setOrder(0);
		}

		DirectGate check() {
			return DirectGate.check(new DirectGate.Application(this.webFilters, this.steps, this.globalFilters,
					this.headerFilters, this.handlerMappings, GATEWAY_ORDER, this.serviceInstanceCookie, this.tracing,
					this.cors, this.basePath, this.forwardedHeaderTransformer, this.apiVersioning, this.tagsProviders,
					Map.of("region", "eu"), this.registry));
		}

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
