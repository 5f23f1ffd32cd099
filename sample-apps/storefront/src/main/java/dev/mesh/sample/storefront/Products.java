package dev.mesh.sample.storefront;

import java.util.List;

/**
 * Answer of {@code GET /products}.
 *
 * @param products the products, as the catalog lists them
 * @param chain workloads that served the answer
 */
record Products(List<Product> products, List<String> chain) {

}
