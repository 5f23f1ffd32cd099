/**
 * Sample storefront: the shop's entry service (WebFlux), showing products from the
 * catalog service.
 */
package dev.mesh.sample.storefront;
