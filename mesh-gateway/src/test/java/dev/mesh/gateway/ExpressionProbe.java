package dev.mesh.gateway;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A bean that an expression in a route would call if it were ever evaluated.
 */
public class ExpressionProbe {

	private final AtomicInteger trips = new AtomicInteger();

	public String trip() {
		this.trips.incrementAndGet();
		return "evaluated";
	}

	int trips() {
		return this.trips.get();
	}

	/**
	 * Registers the probe as {@code expressionProbe}.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class Configuration {

		@Bean
		ExpressionProbe expressionProbe() {
			return new ExpressionProbe();
		}

	}

}
