package dev.mesh.gateway.actuate;

import java.util.Map;
import java.util.function.Predicate;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Without a tracer on the class path, switches Spring Cloud Gateway's per-request client
 * observation off ({@value #OBSERVABILITY} {@code = false}), at the lowest precedence so
 * that the application's own value wins. Without a tracer that observation only times
 * each proxied call again, beside Spring Boot's {@code http.server.requests}, Spring
 * Cloud Gateway's {@code spring.cloud.gateway.requests} and
 * {@code mesh.gateway.requests}, and in the gateway's profile it was the costliest part
 * of the request path after the framework itself. With a tracer (Micrometer Tracing) it
 * is what carries the trace to the backends, so it stays on.
 */
class GatewayObservationDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * Name of the property source holding the default.
	 */
	static final String PROPERTY_SOURCE_NAME = "meshGatewayObservationDefaults";

	/**
	 * Spring Cloud Gateway's switch of its client observation.
	 */
	static final String OBSERVABILITY = "spring.cloud.gateway.server.webflux.observability.enabled";

	private static final String TRACER = "io.micrometer.tracing.Tracer";

	private final Predicate<String> present;

	GatewayObservationDefaultsEnvironmentPostProcessor() {
		this((name) -> ClassUtils.isPresent(name,
				GatewayObservationDefaultsEnvironmentPostProcessor.class.getClassLoader()));
	}

	GatewayObservationDefaultsEnvironmentPostProcessor(Predicate<String> present) {
		this.present = present;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (this.present.test(TRACER) || environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			return;
		}
		environment.getPropertySources()
			.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(OBSERVABILITY, "false")));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
