package dev.mesh.sample.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Answer of the pricing service.
 *
 * @param prices price of each SKU
 * @param chain workloads that served the answer
 */
record PriceList(Map<String, BigDecimal> prices, List<String> chain) {

	PriceList {
		prices = (prices != null) ? Map.copyOf(prices) : Map.of();
		chain = (chain != null) ? List.copyOf(chain) : List.of();
	}

}
