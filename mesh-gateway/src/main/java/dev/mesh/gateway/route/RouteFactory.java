package dev.mesh.gateway.route;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.StripPrefixGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import reactor.netty.http.client.HttpClient;

import dev.mesh.discovery.MeshServiceInstance;
import dev.mesh.gateway.edge.ClientRateLimiter;
import dev.mesh.gateway.edge.RateLimitGatewayFilter;
import dev.mesh.gateway.jwt.GatewayJwt;
import dev.mesh.gateway.jwt.JwtRequiredGatewayFilter;
import dev.mesh.gateway.traffic.DeadlineGatewayFilter;
import dev.mesh.gateway.traffic.FaultGatewayFilter;
import dev.mesh.gateway.traffic.MirrorGatewayFilter;
import dev.mesh.gateway.traffic.ShadowTarget;
import dev.mesh.gateway.traffic.SplitGatewayFilter;
import dev.mesh.gateway.traffic.StickyCookieIssuer;
import dev.mesh.gateway.traffic.SubsetSplit;
import dev.mesh.loadbalancer.MeshLoadBalancer;
import dev.mesh.policy.registry.MeshInstance;

/**
 * Builds the Spring Cloud Gateway route of a {@link MeshRoute}: {@code lb://service}
 * through the mesh's load balancer, the route's predicate, and its filters in a fixed
 * order: required JWT, rate limit, timeout, faults, prefix stripping, subset split,
 * mirror, retries (each attempt through the load balancer again), deadline header.
 * Filters are built from values, never from text, so nothing is evaluated.
 */
final class RouteFactory {

	/**
	 * Route metadata key naming the source of a route.
	 */
	static final String SOURCE = "mesh.source";

	/**
	 * Route metadata key naming the policy of a route.
	 */
	static final String POLICY = "mesh.route";

	private static final HttpMethod[] IDEMPOTENT = { HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
			HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.TRACE };

	private final StripPrefixGatewayFilterFactory stripPrefix;

	private final RetryGatewayFilterFactory retry;

	private final MeshLoadBalancer loadBalancer;

	private final HttpClient httpClient;

	private final Function<MeshInstance, MeshServiceInstance> transport;

	private final ShadowTarget.Settings mirrorSettings;

	private final KeyResolver clientKeys;

	private final ClientRateLimiter rateLimiter;

	private final GatewayJwt jwt;

	private final StickyCookieIssuer stickyCookies;

	RouteFactory(StripPrefixGatewayFilterFactory stripPrefix, RetryGatewayFilterFactory retry,
			MeshLoadBalancer loadBalancer, HttpClient httpClient, Function<MeshInstance, MeshServiceInstance> transport,
			ShadowTarget.Settings mirrorSettings, KeyResolver clientKeys, ClientRateLimiter rateLimiter, GatewayJwt jwt,
			StickyCookieIssuer stickyCookies) {
		this.stripPrefix = stripPrefix;
		this.retry = retry;
		this.loadBalancer = loadBalancer;
		this.httpClient = httpClient;
		this.transport = transport;
		this.mirrorSettings = mirrorSettings;
		this.clientKeys = clientKeys;
		this.rateLimiter = rateLimiter;
		this.jwt = jwt;
		this.stickyCookies = stickyCookies;
	}

	CompiledRoute create(MeshRoute model) {
		List<GatewayFilter> filters = new ArrayList<>();
		if (model.requireJwt()) {
			filters.add(new JwtRequiredGatewayFilter(this.jwt));
		}
		if (model.rateLimit() != null) {
			filters.add(new RateLimitGatewayFilter(model.id(), model.rateLimit().requestsPerSecond(),
					model.rateLimit().burst(), this.clientKeys, this.rateLimiter));
		}
		if (model.timeout() != null) {
			filters.add(new DeadlineGatewayFilter(model.timeout()));
		}
		FaultGatewayFilter fault = null;
		if (model.fault() != null) {
			MeshRoute.FaultPolicy policy = model.fault();
			fault = new FaultGatewayFilter(policy.delayPercent(), policy.delay(), policy.abortPercent(),
					policy.abortStatus());
			filters.add(fault);
		}
		if (model.stripPrefix() > 0) {
			filters.add(this.stripPrefix.apply((config) -> config.setParts(model.stripPrefix())));
		}
		SubsetSplit split = null;
		if (!model.destinations().isEmpty()) {
			split = new SubsetSplit(model.destinations(), model.sticky());
			filters.add(new SplitGatewayFilter(split, model.cohortLabel(), this.stickyCookies));
		}
		MirrorGatewayFilter mirror = null;
		if (model.mirror() != null && model.mirror().percent() > 0 && this.loadBalancer != null) {
			mirror = new MirrorGatewayFilter(model.id(), model.service(), model.mirror(), this.mirrorSettings,
					this.loadBalancer, this.httpClient, this.transport);
			filters.add(mirror);
		}
		if (model.retries() != null) {
			filters.add(retry(model.id(), model.retries()));
		}
		filters.add(DeadlineGatewayFilter.header());
		List<GatewayFilter> ordered = new ArrayList<>();
		for (int i = 0; i < filters.size(); i++) {
			ordered.add(new OrderedGatewayFilter(filters.get(i), i + 1));
		}
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put(SOURCE, model.source());
		metadata.put(POLICY, model.id());
		if (model.retries() != null && model.retries().perTryTimeout() != null) {
			metadata.put(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, model.retries().perTryTimeout().toMillis());
		}
		Route route = Route.async()
			.id(model.id())
			.uri("lb://" + model.service())
			.order(model.order())
			.asyncPredicate(ServerWebExchangeUtils.toAsyncPredicate(model.match()))
			.filters(ordered)
			.metadata(metadata)
			.build();
		return new CompiledRoute(model, route, split, mirror, fault);
	}

	private GatewayFilter retry(String id, MeshRoute.RetryPolicy policy) {
		RetryGatewayFilterFactory.RetryConfig config = new RetryGatewayFilterFactory.RetryConfig();
		config.setRouteId(id);
		config.setRetries(policy.attempts() - 1);
		config.setMethods(IDEMPOTENT);
		RetryConditions conditions = RetryConditions.of(policy.retryOn());
		Set<HttpStatus> statuses = new LinkedHashSet<>();
		conditions.statuses().forEach((status) -> statuses.add(HttpStatus.valueOf(status)));
		config.setSeries(conditions.serverErrors() ? new HttpStatus.Series[] { HttpStatus.Series.SERVER_ERROR }
				: new HttpStatus.Series[0]);
		config.setStatuses(statuses.toArray(new HttpStatus[0]));
		config.setExceptions(exceptionArray(conditions.exceptions()));
		config.setBackoff(policy.backoff(), policy.maxBackoff(), 2, true);
		return this.retry.apply(config);
	}

	@SuppressWarnings("unchecked")
	private static Class<? extends Throwable>[] exceptionArray(Set<Class<? extends Throwable>> exceptions) {
		return exceptions.toArray(new Class[0]);
	}

	/**
	 * A route as built, with the parts that keep state.
	 *
	 * @param model the route's model
	 * @param route the Spring Cloud Gateway route
	 * @param split its split, {@code null} without destinations
	 * @param mirror its mirror, {@code null} without one
	 * @param fault its fault injection, {@code null} without one
	 */
	record CompiledRoute(MeshRoute model, Route route, SubsetSplit split, MirrorGatewayFilter mirror,
			FaultGatewayFilter fault) {

	}

}
