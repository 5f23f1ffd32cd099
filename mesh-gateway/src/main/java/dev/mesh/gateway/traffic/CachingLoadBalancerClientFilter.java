package dev.mesh.gateway.traffic;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycleValidator;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.ResponseData;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.gateway.config.GatewayLoadBalancerProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.support.DelegatingServiceInstance;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Cloud Gateway's load-balancer filter for {@code lb://} routes, with the same
 * contract (the instance chosen by the service's
 * {@link ReactorServiceInstanceLoadBalancer}, the {@code lb:scheme} prefix, the lifecycle
 * callbacks every pick reports to, a 503 or 404 without an instance) but without its
 * per-request bean lookups: Spring Cloud Gateway asks the service's child context for its
 * balancer, its lifecycle beans (walking the bean factories) and its hint on every
 * request. This filter looks them up on a service's first request and keeps them until
 * the environment changes (a policy push or a configuration refresh can change the hints;
 * the child contexts themselves live as long as the application).
 */
public final class CachingLoadBalancerClientFilter extends ReactiveLoadBalancerClientFilter
		implements ApplicationListener<EnvironmentChangeEvent> {

	private static final String DEFAULT_HINT = "default";

	private final LoadBalancerClientFactory clientFactory;

	private final GatewayLoadBalancerProperties properties;

	private final Map<String, Balancing> services = new ConcurrentHashMap<>();

	/**
	 * Create the filter.
	 * @param clientFactory the factory of the services' load-balancer contexts
	 * @param properties the gateway's load-balancer properties
	 */
	public CachingLoadBalancerClientFilter(LoadBalancerClientFactory clientFactory,
			GatewayLoadBalancerProperties properties) {
		super(clientFactory, properties);
		Assert.notNull(clientFactory, "'clientFactory' must not be null");
		Assert.notNull(properties, "'properties' must not be null");
		this.clientFactory = clientFactory;
		this.properties = properties;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		URI url = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
		String schemePrefix = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_SCHEME_PREFIX_ATTR);
		if (url == null || !("lb".equals(url.getScheme()) || "lb".equals(schemePrefix))) {
			return chain.filter(exchange);
		}
		ServerWebExchangeUtils.addOriginalRequestUrl(exchange, url);
		String serviceId = url.getHost();
		Balancing balancing = balancing(serviceId);
		List<LoadBalancerLifecycle> lifecycles = balancing.lifecycles();
		DefaultRequest<RequestDataContext> request = new DefaultRequest<>(new RequestDataContext(
				new RequestData(exchange.getRequest(), exchange.getAttributes()), balancing.hint()));
		for (LoadBalancerLifecycle lifecycle : lifecycles) {
			lifecycle.onStart(request);
		}
		return balancing.balancer().choose(request).doOnNext((response) -> {
			if (!response.hasServer()) {
				complete(lifecycles, new CompletionContext<>(CompletionContext.Status.DISCARD, request, response));
				throw NotFoundException.create(this.properties.isUse404(), "Unable to find instance for " + serviceId);
			}
			ServiceInstance instance = response.getServer();
			String scheme = (schemePrefix != null) ? url.getScheme() : (instance.isSecure() ? "https" : "http");
			URI target = reconstructURI(new DelegatingServiceInstance(instance, scheme),
					exchange.getRequest().getURI());
			exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, target);
			exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR, response);
			for (LoadBalancerLifecycle lifecycle : lifecycles) {
				lifecycle.onStartRequest(request, response);
			}
		})
			.then(chain.filter(exchange))
			.doOnError((ex) -> complete(lifecycles,
					new CompletionContext<>(CompletionContext.Status.FAILED, ex, request, chosen(exchange))))
			.doOnSuccess((done) -> complete(lifecycles,
					new CompletionContext<>(CompletionContext.Status.SUCCESS, request, chosen(exchange),
							new ResponseData(exchange.getResponse(),
									new RequestData(exchange.getRequest(), exchange.getAttributes())))));
	}

	/**
	 * Forget what was looked up: the hints may have changed.
	 * @param event the change
	 */
	@Override
	public void onApplicationEvent(EnvironmentChangeEvent event) {
		this.services.clear();
	}

	private Balancing balancing(String serviceId) {
		Balancing balancing = this.services.get(serviceId);
		if (balancing == null) {
			balancing = this.services.computeIfAbsent(serviceId, this::lookUp);
		}
		return balancing;
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private Balancing lookUp(String serviceId) {
		ReactorServiceInstanceLoadBalancer balancer = this.clientFactory.getInstance(serviceId,
				ReactorServiceInstanceLoadBalancer.class);
		if (balancer == null) {
			throw new NotFoundException("No loadbalancer available for " + serviceId);
		}
		Map<String, LoadBalancerLifecycle> beans = this.clientFactory.getInstances(serviceId,
				LoadBalancerLifecycle.class);
		Set<LoadBalancerLifecycle> supported = LoadBalancerLifecycleValidator.getSupportedLifecycleProcessors(beans,
				RequestDataContext.class, ResponseData.class, ServiceInstance.class);
		Map<String, String> hints = this.clientFactory.getProperties(serviceId).getHint();
		String hint = hints.getOrDefault(serviceId, hints.getOrDefault(DEFAULT_HINT, DEFAULT_HINT));
		return new Balancing(balancer, List.copyOf(supported), hint);
	}

	@SuppressWarnings("unchecked")
	private static Response<ServiceInstance> chosen(ServerWebExchange exchange) {
		return exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR);
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static void complete(List<LoadBalancerLifecycle> lifecycles, CompletionContext completion) {
		for (LoadBalancerLifecycle lifecycle : lifecycles) {
			lifecycle.onComplete(completion);
		}
	}

	/**
	 * What a service's picks need, looked up once.
	 *
	 * @param balancer the service's load balancer
	 * @param lifecycles the lifecycle beans that take the gateway's requests and answers
	 * @param hint the service's hint
	 */
	private record Balancing(ReactorServiceInstanceLoadBalancer balancer, List<LoadBalancerLifecycle> lifecycles,
			String hint) {

	}

}
