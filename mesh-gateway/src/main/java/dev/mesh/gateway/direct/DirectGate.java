package dev.mesh.gateway.direct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.cloud.gateway.filter.GatewayMetricsFilter;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveHopByHopHeadersFilter;
import org.springframework.cloud.gateway.support.tagsprovider.GatewayTagsProvider;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.server.WebFilter;
import org.springframework.web.util.pattern.PathPattern;

import dev.mesh.inbound.InboundStep;

/**
 * Whether the application lets direct forwarding serve any request: only when everything
 * that WebFlux and Spring Cloud Gateway would do to a request of a mesh route is either
 * done by direct forwarding too or does nothing to such a request. Checked once, when the
 * application has started: web filters (each needs its {@link InboundStep}), Spring Cloud
 * Gateway's global and header filters (only those whose work direct forwarding does or
 * that never act on its requests), handlers ahead of Spring Cloud Gateway (none that
 * could take a request), and settings that act on every request (tracing, CORS, a base
 * path, forwarded headers rewritten by WebFlux, API versioning, customised error handling
 * or server observation).
 *
 * @param on whether direct forwarding serves requests
 * @param off why it serves none, {@code null} when on
 * @param steps the inbound steps, in the order of their web filters
 * @param forwarded what Spring Cloud Gateway's header filters do with forwarded headers
 * @param timer Spring Cloud Gateway's request timer, {@code null} when its metrics are
 * off
 * @param serverTimer Spring Boot's server request timer, {@code null} when WebFlux
 * records no server observation
 * @param reserved paths of handler methods ahead of Spring Cloud Gateway (controllers,
 * the additional health paths), whose requests are left to WebFlux
 */
record DirectGate(boolean on, String off, List<InboundStep> steps, ForwardedHeaders forwarded, DirectRequestTimer timer,
		DirectServerTimer serverTimer, ReservedPaths reserved) {

	/**
	 * Global filters that direct forwarding replaces (routing, load balancing, the
	 * resilience chain, the request counter; Spring Cloud Gateway's request timer is
	 * checked on its own) or that never act on its requests (body caching for requests
	 * with a body, {@code forward:}, {@code fn:}, {@code stream:} and WebSocket routing,
	 * writing the routed response).
	 */
	private static final Set<String> GLOBAL_FILTERS = Set.of(
			"org.springframework.cloud.gateway.filter.AdaptCachedBodyGlobalFilter",
			"org.springframework.cloud.gateway.filter.RemoveCachedBodyFilter",
			"org.springframework.cloud.gateway.filter.NettyWriteResponseFilter",
			"org.springframework.cloud.gateway.filter.NettyRoutingFilter",
			"org.springframework.cloud.gateway.filter.ForwardPathFilter",
			"org.springframework.cloud.gateway.filter.ForwardRoutingFilter",
			"org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter",
			"org.springframework.cloud.gateway.filter.WebsocketRoutingFilter",
			"org.springframework.cloud.gateway.filter.FunctionRoutingFilter",
			"org.springframework.cloud.gateway.filter.StreamRoutingFilter",
			"org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter",
			"dev.mesh.gateway.traffic.CachingLoadBalancerClientFilter",
			"dev.mesh.gateway.traffic.ResilienceGatewayFilter", "dev.mesh.gateway.actuate.GatewayRequestMetrics");

	/**
	 * Header filters whose work direct forwarding does (hop-by-hop and untrusted
	 * forwarded headers removed, the client address chain and the mesh caller set; the
	 * requests of trusted proxies, whose forwarded headers are extended, are left to
	 * WebFlux) or that only act on requests with a body (transfer encoding, gRPC).
	 */
	private static final Set<String> HEADER_FILTERS = Set.of(
			"org.springframework.cloud.gateway.filter.headers.RemoveHopByHopHeadersFilter",
			"org.springframework.cloud.gateway.filter.headers.RemoveForwardedHeadersFilter",
			"org.springframework.cloud.gateway.filter.headers.RemoveXForwardedHeadersFilter",
			"org.springframework.cloud.gateway.filter.headers.ForwardedHeadersFilter",
			"org.springframework.cloud.gateway.filter.headers.XForwardedHeadersFilter",
			"org.springframework.cloud.gateway.filter.headers.TransferEncodingNormalizationHeadersFilter",
			"org.springframework.cloud.gateway.filter.headers.GRPCRequestHeadersFilter",
			"org.springframework.cloud.gateway.filter.headers.GRPCResponseHeadersFilter",
			"dev.mesh.gateway.edge.ClientAddressHeadersFilter");

	private static final String LOAD_BALANCER_COOKIE_FILTER = "org.springframework.cloud.gateway.filter.LoadBalancerServiceInstanceCookieFilter";

	DirectGate {
		steps = List.copyOf(steps);
	}

	static DirectGate starting() {
		return off("the gateway has not started yet");
	}

	static DirectGate off(String reason) {
		return new DirectGate(false, reason, List.of(), new ForwardedHeaders(true, true, false), null, null,
				ReservedPaths.NONE);
	}

	/**
	 * Check the application.
	 * @param application what was found in it
	 * @return the gate
	 */
	static DirectGate check(Application application) {
		List<InboundStep> steps = new ArrayList<>();
		for (WebFilter filter : application.webFilters()) {
			InboundStep step = application.steps()
				.stream()
				.filter((candidate) -> candidate.webFilter() == filter.getClass())
				.findFirst()
				.orElse(null);
			if (step == null) {
				return off("web filter " + filter.getClass().getName() + " has no inbound step");
			}
			steps.add(step);
		}
		DirectRequestTimer timer = null;
		for (GlobalFilter filter : application.globalFilters()) {
			String name = filter.getClass().getName();
			if (filter instanceof GatewayMetricsFilter metrics) {
				for (GatewayTagsProvider provider : application.tagsProviders()) {
					if (!DirectRequestTimer.TAGS_PROVIDERS.contains(provider.getClass().getName())) {
						return off("metrics tags provider " + provider.getClass().getName() + " tags every request");
					}
				}
				if (application.meterRegistry() == null) {
					return off("Spring Cloud Gateway's request timer has no registry");
				}
				timer = new DirectRequestTimer(application.meterRegistry(), metrics.getMetricsPrefix(),
						application.metricsTags());
			}
			else if (name.equals(LOAD_BALANCER_COOKIE_FILTER)) {
				if (application.serviceInstanceCookie()) {
					return off("the load balancer adds service instance cookies");
				}
			}
			else if (!GLOBAL_FILTERS.contains(name)) {
				return off("global filter " + name + " acts on every route");
			}
		}
		for (HttpHeadersFilter filter : application.headerFilters()) {
			String name = filter.getClass().getName();
			if (!HEADER_FILTERS.contains(name)) {
				return off("header filter " + name + " acts on every route");
			}
			if (filter instanceof RemoveHopByHopHeadersFilter hopByHop
					&& !hopByHop.getHeaders().equals(RemoveHopByHopHeadersFilter.HEADERS_REMOVED_ON_REQUEST)) {
				return off("the hop-by-hop headers removed are configured");
			}
		}
		List<PathPattern> reserved = new ArrayList<>();
		for (HandlerMapping mapping : application.handlerMappings()) {
			String ahead = ahead(mapping, application.gatewayOrder(), reserved);
			if (ahead != null) {
				return off(ahead);
			}
		}
		if (application.tracing()) {
			return off("tracing is on: requests are traced through WebFlux");
		}
		if (application.cors()) {
			return off("CORS is configured");
		}
		if (application.basePath()) {
			return off("a WebFlux base path is set");
		}
		if (application.forwardedHeaderTransformer()) {
			return off("WebFlux rewrites forwarded headers");
		}
		if (application.apiVersioning()) {
			return off("API versioning is configured");
		}
		if (!application.defaultErrors()) {
			return off("errors are answered by customised error handling");
		}
		if (application.customServerObservation()) {
			return off("the server observation has a custom convention");
		}
		DirectServerTimer serverTimer = (application.serverTimer() != null && application.meterRegistry() != null)
				? new DirectServerTimer(application.meterRegistry(), application.serverTimer()) : null;
		return new DirectGate(true, null, steps, ForwardedHeaders.of(application.headerFilters()), timer, serverTimer,
				new ReservedPaths(reserved));
	}

	/**
	 * Whether requests are served directly with a handler mapping that comes before
	 * Spring Cloud Gateway's: a router function mapping without functions takes nothing,
	 * handler methods (controllers, actuator paths on the public port) take their paths,
	 * left to WebFlux; any other mapping could take any request.
	 * @return why no request can be served directly, {@code null} when some can
	 */
	private static String ahead(HandlerMapping mapping, int gatewayOrder, List<PathPattern> reserved) {
		int order = (mapping instanceof Ordered ordered) ? ordered.getOrder() : Ordered.LOWEST_PRECEDENCE;
		if (order >= gatewayOrder) {
			return null;
		}
		if (mapping instanceof RouterFunctionMapping functions && functions.getRouterFunction() == null) {
			return null;
		}
		if (mapping instanceof RequestMappingInfoHandlerMapping methods) {
			methods.getHandlerMethods()
				.keySet()
				.forEach((info) -> reserved.addAll(info.getPatternsCondition().getPatterns()));
			return null;
		}
		return "handler mapping " + mapping.getClass().getName() + " comes before Spring Cloud Gateway's";
	}

	/**
	 * What the gate checks in the application.
	 *
	 * @param webFilters the web filters, in their order
	 * @param steps the inbound steps
	 * @param globalFilters Spring Cloud Gateway's global filters
	 * @param headerFilters Spring Cloud Gateway's header filters
	 * @param handlerMappings WebFlux's handler mappings other than Spring Cloud Gateway's
	 * @param gatewayOrder the order of Spring Cloud Gateway's handler mapping
	 * @param serviceInstanceCookie whether the load balancer adds service instance
	 * cookies
	 * @param tracing whether a tracer is configured
	 * @param cors whether global CORS is configured
	 * @param basePath whether a WebFlux base path is set
	 * @param forwardedHeaderTransformer whether WebFlux rewrites forwarded headers
	 * @param apiVersioning whether WebFlux resolves API versions
	 * @param tagsProviders the tags providers of Spring Cloud Gateway's request timer
	 * @param metricsTags the fixed tags of Spring Cloud Gateway's request timer
	 * @param meterRegistry the meter registry, {@code null} without one
	 * @param defaultErrors whether errors are answered by Spring Boot's error handling
	 * with its default settings (the JSON body direct forwarding writes)
	 * @param serverTimer the name of the timer of WebFlux's server observation,
	 * {@code null} when it records none
	 * @param customServerObservation whether the server observation has a convention of
	 * the application's
	 */
	record Application(List<WebFilter> webFilters, List<InboundStep> steps, List<GlobalFilter> globalFilters,
			List<HttpHeadersFilter> headerFilters, List<HandlerMapping> handlerMappings, int gatewayOrder,
			boolean serviceInstanceCookie, boolean tracing, boolean cors, boolean basePath,
			boolean forwardedHeaderTransformer, boolean apiVersioning, List<GatewayTagsProvider> tagsProviders,
			Map<String, String> metricsTags, MeterRegistry meterRegistry, boolean defaultErrors, String serverTimer,
			boolean customServerObservation) {

	}

	/**
	 * What Spring Cloud Gateway's header filters do with the forwarded headers of a
	 * request: each kind is removed from the requests of clients that are not trusted
	 * proxies (by its {@code Remove} filter when no proxy is trusted, by the filter that
	 * extends it otherwise); the requests of trusted proxies get them extended.
	 *
	 * @param removeForwarded whether {@code Forwarded} is removed from untrusted requests
	 * @param removeXForwarded whether {@code X-Forwarded-*} are removed from untrusted
	 * requests
	 * @param extendedForTrusted whether a filter extends them for trusted proxies
	 */
	record ForwardedHeaders(boolean removeForwarded, boolean removeXForwarded, boolean extendedForTrusted) {

		static ForwardedHeaders of(List<HttpHeadersFilter> filters) {
			boolean forwarded = false;
			boolean xForwarded = false;
			boolean extended = false;
			for (HttpHeadersFilter filter : filters) {
				String name = filter.getClass().getSimpleName();
				forwarded |= name.equals("RemoveForwardedHeadersFilter") || name.equals("ForwardedHeadersFilter");
				xForwarded |= name.equals("RemoveXForwardedHeadersFilter") || name.equals("XForwardedHeadersFilter");
				extended |= name.equals("ForwardedHeadersFilter") || name.equals("XForwardedHeadersFilter");
			}
			return new ForwardedHeaders(forwarded, xForwarded, extended);
		}

	}

}
