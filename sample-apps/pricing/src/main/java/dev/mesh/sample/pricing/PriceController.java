package dev.mesh.sample.pricing;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.mesh.core.MeshWorkload;

/**
 * {@code GET /prices?skus=a,b,c}: the price of each SKU.
 */
@RestController
class PriceController {

	private final MeshWorkload workload;

	PriceController(MeshWorkload workload) {
		this.workload = workload;
	}

	@GetMapping("/prices")
	PriceList prices(@RequestParam(Skus.PARAMETER) String skus) {
		Map<String, BigDecimal> prices = new LinkedHashMap<>();
		for (String sku : Skus.parse(skus)) {
			prices.put(sku, PriceBook.price(sku));
		}
		return new PriceList(prices, List.of(this.workload.label()));
	}

}
