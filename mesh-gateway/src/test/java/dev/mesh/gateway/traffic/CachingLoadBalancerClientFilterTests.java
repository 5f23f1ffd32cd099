package dev.mesh.gateway.traffic;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClientsProperties;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.LoadBalancerProperties;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.ResponseData;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.gateway.config.GatewayLoadBalancerProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The gateway's load-balancer filter: Spring Cloud Gateway's contract, the lookups done
 * once per service.
 */
class CachingLoadBalancerClientFilterTests {

	private final ServiceInstance instance = new DefaultServiceInstance("pricing-1", "pricing", "10.0.0.7", 8081,
			false);

	private final RecordingLifecycle lifecycle = new RecordingLifecycle();

	private final List<Request<?>> requests = new ArrayList<>();

	private Response<ServiceInstance> answer = new DefaultResponse(this.instance);

	private final CountingFactory factory = new CountingFactory();

	private final CachingLoadBalancerClientFilter filter = new CachingLoadBalancerClientFilter(this.factory,
			new GatewayLoadBalancerProperties());

	@Test
	void routesToTheChosenInstanceAndReportsTheAnswerToTheLifecycles() {
		MockServerWebExchange exchange = exchange("lb://pricing/quotes?x=1", "/quotes?x=1");
		run(exchange, (routed) -> {
			routed.getResponse().setStatusCode(HttpStatus.ACCEPTED);
			return Mono.empty();
		});
		URI target = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
		assertThat(target).hasToString("http://10.0.0.7:8081/quotes?x=1");
		assertThat(exchange
			.<Response<ServiceInstance>>getAttribute(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR)
			.getServer()).isSameAs(this.instance);
		Set<URI> originals = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR);
		assertThat(originals).containsExactly(URI.create("lb://pricing/quotes?x=1"));
		assertThat(this.lifecycle.events).containsExactly("start", "startRequest pricing-1", "SUCCESS 202 ACCEPTED");
	}

	@Test
	void looksTheServiceUpOnceUntilTheEnvironmentChanges() {
		for (int i = 0; i < 3; i++) {
			run(exchange("lb://pricing/quotes", "/quotes"), (routed) -> Mono.empty());
		}
		assertThat(this.factory.lookups.get()).isEqualTo(3);
		this.filter.onApplicationEvent(new EnvironmentChangeEvent(Set.of("mesh.outbound.defaults.timeout")));
		run(exchange("lb://pricing/quotes", "/quotes"), (routed) -> Mono.empty());
		assertThat(this.factory.lookups.get()).isEqualTo(6);
		assertThat(this.requests).hasSize(4);
	}

	@Test
	void passesTheServicesHintElseTheDefaultOne() {
		this.factory.properties.getHint().put("default", "stable");
		run(exchange("lb://pricing/quotes", "/quotes"), (routed) -> Mono.empty());
		this.factory.properties.getHint().put("pricing", "canary");
		this.filter.onApplicationEvent(new EnvironmentChangeEvent(Set.of("spring.cloud.loadbalancer.hint.pricing")));
		run(exchange("lb://pricing/quotes", "/quotes"), (routed) -> Mono.empty());
		assertThat(this.requests).extracting((request) -> ((RequestDataContext) request.getContext()).getHint())
			.containsExactly("stable", "canary");
	}

	@Test
	void answers503WithoutAnInstanceAndDiscardsThePickAsSpringCloudGatewayDoes() {
		this.answer = new EmptyResponse();
		MockServerWebExchange exchange = exchange("lb://pricing/quotes", "/quotes");
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> run(exchange, (routed) -> Mono.error(new AssertionError("must not be routed"))))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
		// Spring Cloud Gateway's contract: the pick is discarded, then the exchange
		// failed
		assertThat(this.lifecycle.events).containsExactly("start", "DISCARD",
				"FAILED 503 SERVICE_UNAVAILABLE \"Unable to find instance for pricing\"");
	}

	@Test
	void reportsAFailedCall() {
		MockServerWebExchange exchange = exchange("lb://pricing/quotes", "/quotes");
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> run(exchange, (routed) -> Mono.error(new IllegalStateException("reset"))));
		assertThat(this.lifecycle.events).containsExactly("start", "startRequest pricing-1", "FAILED reset");
	}

	@Test
	void keepsTheSchemeOfAnLbPrefixedRoute() {
		MockServerWebExchange exchange = exchange("ws://pricing/feed", "/feed");
		exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_SCHEME_PREFIX_ATTR, "lb");
		run(exchange, (routed) -> Mono.empty());
		assertThat(exchange.<URI>getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR))
			.hasToString("ws://10.0.0.7:8081/feed");
	}

	@Test
	void leavesOtherRoutesAlone() {
		MockServerWebExchange exchange = exchange("http://pricing.example/quotes", "/quotes");
		run(exchange, (routed) -> Mono.empty());
		assertThat(exchange.<URI>getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR))
			.hasToString("http://pricing.example/quotes");
		assertThat(this.factory.lookups.get()).isZero();
		assertThat(this.lifecycle.events).isEmpty();
	}

	private MockServerWebExchange exchange(String routeUrl, String path) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("http://gw" + path));
		exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, URI.create(routeUrl));
		return exchange;
	}

	private void run(MockServerWebExchange exchange, GatewayFilterChain chain) {
		this.filter.filter(exchange, chain).block();
	}

	private final class CountingFactory extends LoadBalancerClientFactory {

		private final AtomicInteger lookups = new AtomicInteger();

		private final LoadBalancerProperties properties = new LoadBalancerProperties();

		CountingFactory() {
			super(new LoadBalancerClientsProperties());
		}

		@Override
		@SuppressWarnings("unchecked")
		public <T> T getInstance(String name, Class<T> type) {
			this.lookups.incrementAndGet();
			assertThat(type).isEqualTo(ReactorServiceInstanceLoadBalancer.class);
			ReactorServiceInstanceLoadBalancer balancer = (request) -> {
				CachingLoadBalancerClientFilterTests.this.requests.add(request);
				return Mono.just(CachingLoadBalancerClientFilterTests.this.answer);
			};
			return (T) balancer;
		}

		@Override
		@SuppressWarnings("unchecked")
		public <T> Map<String, T> getInstances(String name, Class<T> type) {
			this.lookups.incrementAndGet();
			return Map.of("recording", (T) CachingLoadBalancerClientFilterTests.this.lifecycle);
		}

		@Override
		public LoadBalancerProperties getProperties(String clientId) {
			this.lookups.incrementAndGet();
			return this.properties;
		}

	}

	private static final class RecordingLifecycle
			implements LoadBalancerLifecycle<RequestDataContext, ResponseData, ServiceInstance> {

		private final List<String> events = new ArrayList<>();

		@Override
		public void onStart(Request<RequestDataContext> request) {
			this.events.add("start");
		}

		@Override
		public void onStartRequest(Request<RequestDataContext> request, Response<ServiceInstance> lbResponse) {
			this.events.add("startRequest " + lbResponse.getServer().getInstanceId());
		}

		@Override
		public void onComplete(CompletionContext<ResponseData, ServiceInstance, RequestDataContext> completion) {
			switch (completion.status()) {
				case SUCCESS -> this.events.add("SUCCESS " + completion.getClientResponse().getHttpStatus());
				case FAILED -> this.events.add("FAILED " + completion.getThrowable().getMessage());
				default -> this.events.add(completion.status().name());
			}
		}

	}

}
