package dev.mesh.sample.catalog;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An item with its price, as the catalog shows it.
 *
 * @param sku stock keeping unit
 * @param name display name
 * @param price price, absent when pricing did not name one
 * @param badge badge shown with the item, absent on the baseline version
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PricedItem(String sku, String name, BigDecimal price, String badge) {

}
