package dev.mesh.sample.pricing;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Prices derived from the SKU alone, so that every instance and every run agree.
 */
final class PriceBook {

	private static final long LOWEST_CENTS = 100;

	private static final long RANGE_CENTS = 9_900;

	private PriceBook() {
	}

	/**
	 * Return the price of a SKU, between 1.00 and 99.99.
	 * @param sku the SKU
	 * @return its price
	 */
	static BigDecimal price(String sku) {
		CRC32 crc = new CRC32();
		crc.update(sku.getBytes(StandardCharsets.UTF_8));
		return BigDecimal.valueOf(LOWEST_CENTS + crc.getValue() % RANGE_CENTS, 2);
	}

}
