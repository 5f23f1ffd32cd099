package dev.mesh.gateway.edge;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.event.WeightDefinedEvent;
import org.springframework.cloud.gateway.filter.WeightCalculatorWebFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.gateway.support.WeightConfig;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.mesh.gateway.TestInboundRequest;

import static org.assertj.core.api.Assertions.assertThat;

class WeightCalculatorInboundStepTests {

	private final WeightCalculatorInboundStep step = new WeightCalculatorInboundStep();

	@Test
	void acceptsEveryRequestAndDoesNothing() {
		TestInboundRequest request = TestInboundRequest.get("/items").header("Authorization", "Bearer abc");
		assertThat(this.step.webFilter()).isEqualTo(WeightCalculatorWebFilter.class);
		assertThat(this.step.accepts(request)).isTrue();
		assertThat(this.step.apply(request)).isNull();
		assertThat(request.attributes()).isEmpty();
	}

	@Test
	void skipsAFilterWhoseOnlyEffectIsTheDrawOfEachWeightGroup() {
		WeightCalculatorWebFilter filter = new WeightCalculatorWebFilter(null, null);
		filter.onApplicationEvent(new WeightDefinedEvent(this, new WeightConfig("group-a", "route-1", 1)));
		filter.onApplicationEvent(new WeightDefinedEvent(this, new WeightConfig("group-a", "route-2", 3)));
		MockServerWebExchange exchange = TestInboundRequest.get("/items").exchange();
		Map<String, Object> before = new HashMap<>(exchange.getAttributes());
		AtomicReference<ServerWebExchange> passed = new AtomicReference<>();
		filter.filter(exchange, (next) -> {
			passed.set(next);
			return Mono.empty();
		}).block();
		assertThat(passed.get()).isSameAs(exchange);
		assertThat(exchange.getResponse().getStatusCode()).isNull();
		Map<String, Object> added = new HashMap<>(exchange.getAttributes());
		added.keySet().removeAll(before.keySet());
		assertThat(exchange.getAttributes()).containsAllEntriesOf(before);
		assertThat(added).containsOnlyKeys(ServerWebExchangeUtils.WEIGHT_ATTR);
		assertThat(exchange.<Map<String, String>>getAttribute(ServerWebExchangeUtils.WEIGHT_ATTR))
			.containsOnlyKeys("group-a");
	}

}
