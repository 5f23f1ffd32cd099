package dev.mesh.sample.catalog;

import java.util.List;

/**
 * Answer of {@code GET /catalog/items}.
 *
 * @param items every item with its price
 * @param version version of the catalog that answered
 * @param chain workloads that served the answer
 */
record CatalogItems(List<PricedItem> items, String version, List<String> chain) implements Chained {

}
