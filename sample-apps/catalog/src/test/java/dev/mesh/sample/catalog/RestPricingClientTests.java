package dev.mesh.sample.catalog;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.test.web.client.match.MockRestRequestMatchers;
import org.springframework.test.web.client.response.MockRestResponseCreators;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

class RestPricingClientTests {

	@Test
	void asksThePricingServiceByItsMeshNameForAllSkusInOneCall() {
		RestClient.Builder builder = RestClient.builder();
		MockRestServiceServer server = MockRestServiceServer.bindTo(builder).build();
		server.expect(MockRestRequestMatchers.requestTo("http://pricing/prices?skus=milk-jug,pour-over"))
			.andRespond(MockRestResponseCreators.withSuccess(
					"{\"prices\":{\"milk-jug\":7.50,\"pour-over\":21.00},\"chain\":[\"pricing@v1\"]}",
					MediaType.APPLICATION_JSON));
		PriceList prices = new RestPricingClient(builder).prices(List.of("milk-jug", "pour-over"));
		server.verify();
		assertThat(prices.prices()).containsEntry("milk-jug", new BigDecimal("7.50"))
			.containsEntry("pour-over", new BigDecimal("21.00"));
		assertThat(prices.chain()).containsExactly("pricing@v1");
	}

}
