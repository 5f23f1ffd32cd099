package dev.mesh.gateway.actuate;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.mesh.loadbalancer.MeshSubset;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayRequestMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final AtomicInteger lookups = new AtomicInteger();

	private final GatewayRequestMetrics metrics = new GatewayRequestMetrics(new ObjectProvider<>() {

		@Override
		public MeterRegistry getObject() {
			return getIfAvailable();
		}

		@Override
		public MeterRegistry getIfAvailable() {
			GatewayRequestMetricsTests.this.lookups.incrementAndGet();
			return GatewayRequestMetricsTests.this.registry;
		}

	});

	@Test
	void countsEveryAnsweredRequestByRouteSubsetAndOutcome() {
		Route route = Route.async().id("shop/catalog").uri("lb://catalog").predicate((exchange) -> true).build();
		for (int i = 0; i < 3; i++) {
			answer(route, HttpStatus.OK);
		}
		answer(route, HttpStatus.BAD_GATEWAY);
		assertThat(this.registry.get(GatewayRequestMetrics.REQUESTS)
			.tags("mesh.route", "shop/catalog", "mesh.destination", "catalog", "mesh.subset", "any", "outcome",
					"SUCCESS")
			.counter()
			.count()).isEqualTo(3);
		assertThat(this.registry.get(GatewayRequestMetrics.REQUESTS)
			.tags("mesh.route", "shop/catalog", "outcome", "SERVER_ERROR")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void looksUpTheRegistryOnceAndRegistersEachCounterOnce() {
		Route route = Route.async().id("direct").uri("http://example.org").predicate((exchange) -> true).build();
		for (int i = 0; i < 50; i++) {
			answer(route, HttpStatus.OK);
		}
		assertThat(this.lookups).hasValue(1);
		assertThat(this.registry.getMeters()).hasSize(1);
		assertThat(this.registry.get(GatewayRequestMetrics.REQUESTS)
			.tags("mesh.route", "direct", "mesh.destination", "none")
			.counter()
			.count()).isEqualTo(50);
	}

	@Test
	void namesTheSubsetOfASubsetFilter() {
		Route route = Route.async().id("v2").uri("lb://catalog").predicate((exchange) -> true).build();
		ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
		exchange.getAttributes().put(MeshSubset.ATTRIBUTE, "version=v2");
		answer(route, HttpStatus.OK, exchange);
		assertThat(
				this.registry.get(GatewayRequestMetrics.REQUESTS).tags("mesh.subset", "version=v2").counter().count())
			.isEqualTo(1);
	}

	@Test
	void ignoresRequestsNoRouteTook() {
		ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
		this.metrics.filter(exchange, (filtered) -> Mono.empty()).block();
		assertThat(this.registry.getMeters()).isEmpty();
	}

	private void answer(Route route, HttpStatus status) {
		answer(route, status, MockServerWebExchange.from(MockServerHttpRequest.get("/")));
	}

	private void answer(Route route, HttpStatus status, ServerWebExchange exchange) {
		exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, route);
		this.metrics.filter(exchange, (filtered) -> {
			filtered.getResponse().setStatusCode(status);
			return Mono.empty();
		}).block();
	}

}
