package dev.mesh.sample.catalog;

import java.util.List;

/**
 * Client of the pricing service.
 */
@FunctionalInterface
interface PricingClient {

	/**
	 * Return the prices of some SKUs.
	 * @param skus the SKUs, at most 20
	 * @return their prices and the chain that served them
	 */
	PriceList prices(List<String> skus);

}
