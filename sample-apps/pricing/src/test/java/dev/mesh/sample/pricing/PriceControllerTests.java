package dev.mesh.sample.pricing;

import java.util.Collections;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = "mesh.control.enabled=false")
@AutoConfigureMockMvc
class PriceControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void pricesEachSkuInRequestOrderAndNamesItselfInTheChain() {
		assertThat(this.mvc.get().uri("/prices?skus={skus}", "beans,grinder-2,beans")).hasStatusOk()
			.hasHeader(Chained.HEADER, "pricing@v1")
			.bodyText()
			.isEqualTo("{\"prices\":{\"beans\":" + PriceBook.price("beans") + ",\"grinder-2\":"
					+ PriceBook.price("grinder-2") + "},\"chain\":[\"pricing@v1\"]}");
	}

	@Test
	void rejectsAnInvalidSkuWithProblemNamingTheParameter() {
		assertThat(this.mvc.get().uri("/prices?skus=beans,Bad!")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.hasHeader(Chained.HEADER, "pricing@v1")
			.bodyJson()
			.isLenientlyEqualTo("{\"status\":400,\"parameter\":\"skus\",\"chain\":[\"pricing@v1\"]}")
			.extractingPath("$.detail")
			.asString()
			.startsWith("Parameter 'skus' contains 'Bad!'");
	}

	@Test
	void rejectsMoreThanTwentySkus() {
		String skus = String.join(",", Collections.nCopies(21, "beans"));
		assertThat(this.mvc.get().uri("/prices?skus={skus}", skus)).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("Parameter 'skus' must list at most 20 SKUs, but lists 21");
	}

	@Test
	void rejectsAMissingOrEmptyParameterNamingIt() {
		assertThat(this.mvc.get().uri("/prices")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("'skus'");
		assertThat(this.mvc.get().uri("/prices?skus=")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.parameter")
			.isEqualTo("skus");
	}

}
