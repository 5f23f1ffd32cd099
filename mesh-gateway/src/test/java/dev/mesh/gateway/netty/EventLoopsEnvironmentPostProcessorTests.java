package dev.mesh.gateway.netty;

import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EventLoopsEnvironmentPostProcessorTests {

	private static final String IO_WORKER_COUNT = "reactor.netty.ioWorkerCount";

	private final Properties systemProperties = new Properties();

	@Test
	void givesReactorNettyAsManyEventLoopsAsCpus() {
		postProcess(Map.of(), 3);
		assertThat(this.systemProperties.getProperty(IO_WORKER_COUNT)).isEqualTo("3");
	}

	@Test
	void givesReactorNettyAsManyEventLoopsAsTheGatewayPropertySays() {
		postProcess(Map.of("mesh.gateway.event-loops", "2"), 3);
		assertThat(this.systemProperties.getProperty(IO_WORKER_COUNT)).isEqualTo("2");
	}

	@Test
	void keepsTheIoWorkerCountTheUserSet() {
		this.systemProperties.setProperty(IO_WORKER_COUNT, "1");
		postProcess(Map.of("mesh.gateway.event-loops", "2"), 3);
		assertThat(this.systemProperties.getProperty(IO_WORKER_COUNT)).isEqualTo("1");
	}

	@Test
	void rejectsFewerThanOneEventLoop() {
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> postProcess(Map.of("mesh.gateway.event-loops", "0"), 3))
			.withMessage("Property mesh.gateway.event-loops with value '0' is invalid: Must be at least 1.");
		assertThat(this.systemProperties).isEmpty();
	}

	@Test
	void leavesPlaceholdersUnresolved() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> postProcess(Map.of("mesh.gateway.event-loops", "${loops}", "loops", "2"), 3));
		assertThat(this.systemProperties).isEmpty();
	}

	private void postProcess(Map<String, Object> properties, int cpus) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("application", properties));
		new EventLoopsEnvironmentPostProcessor(Supplier::get).apply(environment, this.systemProperties, cpus);
	}

}
