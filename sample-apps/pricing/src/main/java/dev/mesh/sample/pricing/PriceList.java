package dev.mesh.sample.pricing;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answer of {@code GET /prices}.
 *
 * @param prices price of each SKU, in request order
 * @param chain workloads that served the answer
 */
record PriceList(Map<String, BigDecimal> prices, List<String> chain) implements Chained {

	PriceList {
		prices = Collections.unmodifiableMap(new LinkedHashMap<>(prices));
		chain = List.copyOf(chain);
	}

}
