package dev.mesh.gateway.actuate;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayObservationDefaultsEnvironmentPostProcessorTests {

	private static final String OBSERVABILITY = GatewayObservationDefaultsEnvironmentPostProcessor.OBSERVABILITY;

	@Test
	void switchesTheClientObservationOffWithoutATracer() {
		StandardEnvironment environment = environment(Map.of(),
				new GatewayObservationDefaultsEnvironmentPostProcessor());
		assertThat(environment.getProperty(OBSERVABILITY)).isEqualTo("false");
	}

	@Test
	void leavesItOnWithATracer() {
		StandardEnvironment environment = environment(Map.of(),
				new GatewayObservationDefaultsEnvironmentPostProcessor("io.micrometer.tracing.Tracer"::equals));
		assertThat(environment.getProperty(OBSERVABILITY)).isNull();
	}

	@Test
	void leavesWhatTheApplicationSetsAlone() {
		StandardEnvironment environment = environment(Map.of(OBSERVABILITY, "true"),
				new GatewayObservationDefaultsEnvironmentPostProcessor());
		assertThat(environment.getProperty(OBSERVABILITY)).isEqualTo("true");
	}

	private static StandardEnvironment environment(Map<String, Object> properties,
			GatewayObservationDefaultsEnvironmentPostProcessor processor) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("application", properties));
		processor.postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

}
