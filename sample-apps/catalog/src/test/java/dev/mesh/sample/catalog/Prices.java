package dev.mesh.sample.catalog;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Prices a fake pricing service answers with.
 */
final class Prices {

	static final Map<String, BigDecimal> ALL = Map.of("espresso-beans", new BigDecimal("12.34"), "filter-papers",
			new BigDecimal("3.99"), "hand-grinder", new BigDecimal("49.00"), "milk-jug", new BigDecimal("7.50"),
			"pour-over", new BigDecimal("21.00"));

	private Prices() {
	}

}
