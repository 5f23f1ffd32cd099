package dev.mesh.sample.catalog;

import java.util.List;

/**
 * Answer of {@code GET /catalog/items/{sku}}.
 *
 * @param item the item with its price
 * @param version version of the catalog that answered
 * @param chain workloads that served the answer
 */
record CatalogItem(PricedItem item, String version, List<String> chain) implements Chained {

}
