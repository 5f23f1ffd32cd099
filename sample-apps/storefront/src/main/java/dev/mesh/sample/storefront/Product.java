package dev.mesh.sample.storefront;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A product as the catalog describes it.
 *
 * @param sku stock keeping unit
 * @param name display name
 * @param price price, absent when the catalog did not name one
 * @param badge badge shown with the product, absent when the catalog shows none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Product(String sku, String name, BigDecimal price, String badge) {

}
