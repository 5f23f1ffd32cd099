package dev.mesh.sample.storefront;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.assertj.WebTestClientResponse;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

import dev.mesh.client.NoInstancesAvailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

@SpringBootTest(properties = "mesh.control.enabled=false")
class StorefrontControllerTests {

	@Autowired
	private ApplicationContext context;

	@MockitoBean
	private CatalogClient catalog;

	private WebTestClient client;

	@BeforeEach
	void bindClient() {
		this.client = WebTestClient.bindToApplicationContext(this.context).build();
	}

	@Test
	void listsTheCatalogsItemsAsProductsWithTheWholeChain() {
		given(this.catalog.items()).willReturn(Mono.just(new CatalogPage(
				List.of(new Product("milk-jug", "Milk jug, 350 ml", new BigDecimal("7.50"), "new"),
						new Product("pour-over", "Pour-over dripper", new BigDecimal("21.00"), "new")),
				"v2", List.of("catalog@v2", "pricing@v1"))));
		assertThat(get("/products")).hasStatusOk()
			.hasHeader(MeshChain.HEADER, "storefront@v1, catalog@v2, pricing@v1")
			.bodyJson()
			.isStrictlyEqualTo("""
					{"products":[
					{"sku":"milk-jug","name":"Milk jug, 350 ml","price":7.50,"badge":"new"},
					{"sku":"pour-over","name":"Pour-over dripper","price":21.00,"badge":"new"}],
					"chain":["storefront@v1","catalog@v2","pricing@v1"]}""");
	}

	@Test
	void indexNamesWhatToCall() {
		assertThat(get("/")).hasStatusOk().hasHeader(MeshChain.HEADER, "storefront@v1").bodyJson().isStrictlyEqualTo("""
				{"service":"storefront","version":"v1",
				"links":{"products":"/products","liveness":"/livez","readiness":"/readyz"},
				"chain":["storefront@v1"]}""");
	}

	@Test
	void answersUnavailableCatalogWith503AndTheChainTheFailurePassedThrough() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(MeshChain.HEADER, "catalog@v1");
		given(this.catalog.items()).willReturn(Mono.error(WebClientResponseException.create(503, "Service Unavailable",
				headers, new byte[0], StandardCharsets.UTF_8)));
		assertThat(get("/products")).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.hasHeader(MeshChain.HEADER, "storefront@v1, catalog@v1")
			.bodyJson()
			.isLenientlyEqualTo("""
					{"status":503,"detail":"Catalog answered 503","chain":["storefront@v1","catalog@v1"]}""");
	}

	@Test
	void answersCatalogWithoutInstancesWith503NamingIt() {
		given(this.catalog.items()).willReturn(Mono.error(new NoInstancesAvailableException("catalog", null)));
		assertThat(get("/products")).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.hasHeader(MeshChain.HEADER, "storefront@v1")
			.bodyJson()
			.isLenientlyEqualTo("""
					{"status":503,"detail":"no instances of service catalog","service":"catalog",
					"chain":["storefront@v1"]}""");
	}

	@Test
	void answersUnknownPathWithProblemCarryingTheChain() {
		assertThat(get("/nowhere")).hasStatus(HttpStatus.NOT_FOUND)
			.hasHeader(MeshChain.HEADER, "storefront@v1")
			.bodyJson()
			.isLenientlyEqualTo("""
					{"status":404,"chain":["storefront@v1"]}""");
	}

	private WebTestClientResponse get(String path) {
		return WebTestClientResponse.from(this.client.get().uri(path).exchange());
	}

}
