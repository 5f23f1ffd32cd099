package dev.mesh.sample.pricing;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PriceBookTests {

	@Test
	void pricesTheSameSkuTheSameWayEveryTime() {
		assertThat(PriceBook.price("espresso-beans")).isEqualTo(PriceBook.price("espresso-beans"))
			.isNotEqualTo(PriceBook.price("espresso-beans-2"));
	}

	@Test
	void keepsPricesBetweenOneAndNinetyNineNinetyNineWithCents() {
		for (int i = 0; i < 1000; i++) {
			BigDecimal price = PriceBook.price("sku-" + i);
			assertThat(price.scale()).isEqualTo(2);
			assertThat(price).isBetween(new BigDecimal("1.00"), new BigDecimal("99.99"));
		}
	}

}
