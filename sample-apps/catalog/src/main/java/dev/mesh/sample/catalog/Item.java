package dev.mesh.sample.catalog;

/**
 * An item the shop sells.
 *
 * @param sku stock keeping unit, the item's id
 * @param name display name
 */
record Item(String sku, String name) {

}
