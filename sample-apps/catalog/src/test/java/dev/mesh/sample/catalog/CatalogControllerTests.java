package dev.mesh.sample.catalog;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.client.HttpServerErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;

@SpringBootTest(properties = "mesh.control.enabled=false")
@AutoConfigureMockMvc
class CatalogControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private PricingClient pricing;

	@Test
	void listsEveryItemWithItsPriceAndTheChainThroughPricing() {
		given(this.pricing.prices(anyList())).willReturn(new PriceList(Prices.ALL, List.of("pricing@v1")));
		assertThat(this.mvc.get().uri("/catalog/items")).hasStatusOk()
			.hasHeader(Chained.HEADER, "catalog@v1, pricing@v1")
			.bodyJson()
			.isStrictlyEqualTo("""
					{"items":[
					{"sku":"espresso-beans","name":"Espresso beans, 1 kg","price":12.34},
					{"sku":"filter-papers","name":"Filter papers, 100 pieces","price":3.99},
					{"sku":"hand-grinder","name":"Hand grinder","price":49.00},
					{"sku":"milk-jug","name":"Milk jug, 350 ml","price":7.50},
					{"sku":"pour-over","name":"Pour-over dripper","price":21.00}],
					"version":"v1","chain":["catalog@v1","pricing@v1"]}""");
		then(this.pricing).should()
			.prices(List.of("espresso-beans", "filter-papers", "hand-grinder", "milk-jug", "pour-over"));
	}

	@Test
	void showsOneItemWithItsPrice() {
		given(this.pricing.prices(List.of("milk-jug"))).willReturn(new PriceList(Prices.ALL, List.of("pricing@v1")));
		assertThat(this.mvc.get().uri("/catalog/items/milk-jug")).hasStatusOk()
			.hasHeader(Chained.HEADER, "catalog@v1, pricing@v1")
			.bodyJson()
			.isStrictlyEqualTo("""
					{"item":{"sku":"milk-jug","name":"Milk jug, 350 ml","price":7.50},
					"version":"v1","chain":["catalog@v1","pricing@v1"]}""");
	}

	@Test
	void answersUnknownSkuWith404WithoutCallingPricing() {
		assertThat(this.mvc.get().uri("/catalog/items/teapot")).hasStatus(HttpStatus.NOT_FOUND)
			.hasHeader(Chained.HEADER, "catalog@v1")
			.bodyJson()
			.isLenientlyEqualTo("""
					{"status":404,"detail":"No item with SKU 'teapot'","sku":"teapot","chain":["catalog@v1"]}""");
		then(this.pricing).shouldHaveNoInteractions();
	}

	@Test
	void answersPricingFailureWithBadGatewayAndTheChainItPassedThrough() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(Chained.HEADER, "pricing@v1");
		given(this.pricing.prices(anyList()))
			.willThrow(HttpServerErrorException.create(HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error",
					headers, new byte[0], StandardCharsets.UTF_8));
		assertThat(this.mvc.get().uri("/catalog/items")).hasStatus(HttpStatus.BAD_GATEWAY)
			.hasHeader(Chained.HEADER, "catalog@v1, pricing@v1")
			.bodyJson()
			.isLenientlyEqualTo("""
					{"status":502,"detail":"Pricing answered 500","chain":["catalog@v1","pricing@v1"]}""");
	}

}
