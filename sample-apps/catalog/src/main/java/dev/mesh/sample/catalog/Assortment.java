package dev.mesh.sample.catalog;

import java.util.List;
import java.util.Optional;

/**
 * The fixed assortment of the sample shop.
 */
final class Assortment {

	private static final List<Item> ITEMS = List.of(new Item("espresso-beans", "Espresso beans, 1 kg"),
			new Item("filter-papers", "Filter papers, 100 pieces"), new Item("hand-grinder", "Hand grinder"),
			new Item("milk-jug", "Milk jug, 350 ml"), new Item("pour-over", "Pour-over dripper"));

	private Assortment() {
	}

	static List<Item> all() {
		return ITEMS;
	}

	static Optional<Item> find(String sku) {
		return ITEMS.stream().filter((item) -> item.sku().equals(sku)).findFirst();
	}

}
