package dev.mesh.sample.storefront;

import java.math.BigDecimal;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

class WebCatalogClientTests {

	@Test
	void asksTheCatalogServiceByItsMeshNameAndReadsItsAnswer() {
		AtomicReference<URI> called = new AtomicReference<>();
		WebClient.Builder builder = WebClient.builder().exchangeFunction((request) -> {
			called.set(request.url());
			return Mono.just(ClientResponse.create(HttpStatus.OK)
				.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
				.body("""
						{"items":[{"sku":"milk-jug","name":"Milk jug, 350 ml","price":7.50}],
						"version":"v1","chain":["catalog@v1","pricing@v1"]}""")
				.build());
		});
		CatalogPage page = new WebCatalogClient(builder).items().block();
		assertThat(called.get()).hasToString("http://catalog/catalog/items");
		assertThat(page.items())
			.containsExactly(new Product("milk-jug", "Milk jug, 350 ml", new BigDecimal("7.50"), null));
		assertThat(page.version()).isEqualTo("v1");
		assertThat(page.chain()).containsExactly("catalog@v1", "pricing@v1");
	}

}
