package dev.mesh.sample.catalog;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.mesh.core.MeshWorkload;

/**
 * {@code GET /catalog/items} and {@code GET /catalog/items/{sku}}: the shop's items,
 * priced by the pricing service. Versions after the baseline badge every item as new, so
 * that a canary is visible in every answer.
 */
@RestController
@RequestMapping("/catalog/items")
class CatalogController {

	/**
	 * Version that shows items without a badge.
	 */
	static final String BASELINE_VERSION = "v1";

	/**
	 * Badge later versions put on every item.
	 */
	static final String NEW_BADGE = "new";

	private final MeshWorkload workload;

	private final PricingClient pricing;

	private final String badge;

	CatalogController(MeshWorkload workload, PricingClient pricing) {
		this.workload = workload;
		this.pricing = pricing;
		this.badge = (BASELINE_VERSION.equals(workload.version())) ? null : NEW_BADGE;
	}

	@GetMapping
	CatalogItems items() {
		List<Item> items = Assortment.all();
		PriceList prices = this.pricing.prices(items.stream().map(Item::sku).toList());
		List<PricedItem> priced = items.stream().map((item) -> price(item, prices)).toList();
		return new CatalogItems(priced, this.workload.version(), chain(prices));
	}

	@GetMapping("/{sku}")
	CatalogItem item(@PathVariable String sku) {
		Item item = Assortment.find(sku).orElseThrow(() -> notFound(sku));
		PriceList prices = this.pricing.prices(List.of(item.sku()));
		return new CatalogItem(price(item, prices), this.workload.version(), chain(prices));
	}

	private PricedItem price(Item item, PriceList prices) {
		return new PricedItem(item.sku(), item.name(), prices.prices().get(item.sku()), this.badge);
	}

	private List<String> chain(PriceList prices) {
		List<String> chain = new ArrayList<>();
		chain.add(this.workload.label());
		chain.addAll(prices.chain());
		return List.copyOf(chain);
	}

	private static ErrorResponseException notFound(String sku) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"No item with SKU '" + sku + "'");
		problem.setTitle("Item not found");
		problem.setProperty("sku", sku);
		return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
	}

}
