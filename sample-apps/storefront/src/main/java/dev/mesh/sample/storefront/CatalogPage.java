package dev.mesh.sample.storefront;

import java.util.List;

/**
 * Answer of the catalog service's {@code GET /catalog/items}.
 *
 * @param items the items with their prices
 * @param version version of the catalog that answered
 * @param chain workloads that served the answer
 */
record CatalogPage(List<Product> items, String version, List<String> chain) {

	CatalogPage {
		items = (items != null) ? List.copyOf(items) : List.of();
		chain = (chain != null) ? List.copyOf(chain) : List.of();
	}

}
