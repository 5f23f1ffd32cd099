package dev.mesh.sample.storefront;

import reactor.core.publisher.Mono;

/**
 * Client of the catalog service.
 */
@FunctionalInterface
interface CatalogClient {

	/**
	 * Return every item of the catalog.
	 * @return the catalog's answer
	 */
	Mono<CatalogPage> items();

}
