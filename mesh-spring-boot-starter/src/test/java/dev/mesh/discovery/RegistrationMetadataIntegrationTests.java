package dev.mesh.discovery;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.test.FakeControlService;
import dev.mesh.test.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RegistrationMetadataIntegrationTests {

	private FakeControlService control;

	private ConfigurableApplicationContext app;

	@BeforeEach
	void start() throws Exception {
		this.control = FakeControlService.start();
		this.app = new SpringApplicationBuilder(TestApplication.class, Contributor.class)
			.properties("spring.application.name=catalog", "server.port=0", "server.address=127.0.0.1",
					"mesh.control.url=" + this.control.url(), "mesh.discovery.drain-delay=0s")
			.run();
	}

	@AfterEach
	void stop() {
		this.app.close();
		this.control.close();
	}

	@Test
	void registersTheMetadataFeaturesAddAndRegistersAgainWhenItChanges() {
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(metadata()).containsEntry(MeshInstance.MTLS_MODE, "DISABLED")
				.containsEntry("feature", "one"));
		this.app.getBean(Contributor.class).value.set("two");
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(metadata()).containsEntry("feature", "two"));
	}

	private Map<String, String> metadata() {
		return this.control.instances()
			.values()
			.stream()
			.filter((instance) -> instance.service().equals("catalog"))
			.findFirst()
			.map(MeshInstance::metadata)
			.orElse(Map.of());
	}

	@Configuration(proxyBeanMethods = false)
	static class Contributor {

		final AtomicReference<String> value = new AtomicReference<>("one");

		@Bean
		MeshRegistrationMetadata featureMetadata() {
			return () -> Map.of("feature", this.value.get());
		}

	}

}
