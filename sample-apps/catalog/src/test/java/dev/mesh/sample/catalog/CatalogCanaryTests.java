package dev.mesh.sample.catalog;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.BDDMockito.given;

@SpringBootTest(properties = { "mesh.control.enabled=false", "mesh.version=v2" })
@AutoConfigureMockMvc
class CatalogCanaryTests {

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private PricingClient pricing;

	@Test
	void versionTwoBadgesEveryItemAsNewAndNamesItselfInTheChain() {
		given(this.pricing.prices(anyList())).willReturn(new PriceList(Prices.ALL, List.of("pricing@v1")));
		assertThat(this.mvc.get().uri("/catalog/items")).hasStatusOk()
			.hasHeader(Chained.HEADER, "catalog@v2, pricing@v1")
			.bodyJson()
			.isStrictlyEqualTo("""
					{"items":[
					{"sku":"espresso-beans","name":"Espresso beans, 1 kg","price":12.34,"badge":"new"},
					{"sku":"filter-papers","name":"Filter papers, 100 pieces","price":3.99,"badge":"new"},
					{"sku":"hand-grinder","name":"Hand grinder","price":49.00,"badge":"new"},
					{"sku":"milk-jug","name":"Milk jug, 350 ml","price":7.50,"badge":"new"},
					{"sku":"pour-over","name":"Pour-over dripper","price":21.00,"badge":"new"}],
					"version":"v2","chain":["catalog@v2","pricing@v1"]}""");
	}

	@Test
	void versionTwoBadgesASingleItemToo() {
		given(this.pricing.prices(anyList())).willReturn(new PriceList(Prices.ALL, List.of("pricing@v1")));
		assertThat(this.mvc.get().uri("/catalog/items/hand-grinder")).hasStatusOk().bodyJson().isStrictlyEqualTo("""
				{"item":{"sku":"hand-grinder","name":"Hand grinder","price":49.00,"badge":"new"},
				"version":"v2","chain":["catalog@v2","pricing@v1"]}""");
	}

}
