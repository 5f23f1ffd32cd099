package dev.mesh.gateway;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

import dev.mesh.loadbalancer.MeshSubset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SubsetGatewayFilterFactoryTests {

	private final SubsetGatewayFilterFactory factory = new SubsetGatewayFilterFactory();

	@Test
	void putsTheSubsetInTheExchangeAttributesBeforeTheChainContinues() {
		GatewayFilter filter = this.factory.apply(config("version", "v2"));
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/catalog/items"));
		AtomicReference<Object> seenByChain = new AtomicReference<>();
		filter.filter(exchange, (next) -> {
			seenByChain.set(next.getAttributes().get(MeshSubset.ATTRIBUTE));
			return Mono.empty();
		}).block();
		assertThat(seenByChain.get()).isEqualTo(new MeshSubset(Map.of("version", "v2")));
	}

	@Test
	void takesKeyThenValueInShortcutForm() {
		assertThat(this.factory.name()).isEqualTo("Subset");
		assertThat(this.factory.shortcutFieldOrder()).containsExactly("key", "value");
	}

	@Test
	void rejectsAnInvalidKeyNamingTheField() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory.apply(config("my version", "v2")))
			.withMessageStartingWith("Subset filter 'key' must be a label key")
			.withMessageEndingWith("but was 'my version'");
	}

	@Test
	void rejectsAnInvalidOrMissingValueNamingTheField() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory.apply(config("version", "v2/")))
			.withMessageStartingWith("Subset filter 'value' must be a label value")
			.withMessageEndingWith("but was 'v2/'");
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory.apply(config("version", null)))
			.withMessageStartingWith("Subset filter 'value'")
			.withMessageEndingWith("but was missing");
	}

	@Test
	void describesConfigurationAndFilterReadably() {
		SubsetGatewayFilterFactory.Config config = config("version", "v2");
		assertThat(config).hasToString("Config[key=version, value=v2]");
		assertThat(this.factory.apply(config)).hasToString("[Subset version = 'v2']");
	}

	private static SubsetGatewayFilterFactory.Config config(String key, String value) {
		SubsetGatewayFilterFactory.Config config = new SubsetGatewayFilterFactory.Config();
		config.setKey(key);
		config.setValue(value);
		return config;
	}

}
