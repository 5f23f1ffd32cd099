package dev.mesh.bench.apps.backend;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * How the backend answers.
 *
 * @param slow whether every response is delayed (the load-balancing benchmark's slow
 * instance)
 * @param delay how late a slow instance answers
 */
@ConfigurationProperties("bench.backend")
record BackendProperties(@DefaultValue("false") boolean slow, @DefaultValue("50ms") Duration delay) {

	/**
	 * The switch of the slow instance.
	 */
	static final String SLOW = "bench.backend.slow";

	BackendProperties {
		Assert.isTrue(!delay.isNegative(), "'bench.backend.delay' must not be negative");
	}

}
