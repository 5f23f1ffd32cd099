package dev.mesh.client;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import dev.mesh.test.FakeControlService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application joins the mesh with the port it bound, leaves it on shutdown and
 * follows its changes. Each test stops the application or changes the mesh, so each has
 * its own; {@link MeshClientIntegrationTests} share one.
 */
class MeshMembershipIntegrationTests {

	private PricingMesh mesh;

	private FakeControlService control;

	private ConfigurableApplicationContext app;

	@BeforeEach
	void start() throws Exception {
		this.mesh = PricingMesh.start();
		this.control = this.mesh.control();
		this.app = this.mesh.app();
	}

	@AfterEach
	void stop() {
		this.mesh.close();
	}

	@Test
	void registersItselfWithTheBoundPortAndLeavesOnShutdown() {
		int port = ((WebServerApplicationContext) this.app).getWebServer().getPort();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.control.instances()
				.values()
				.stream()
				.anyMatch((instance) -> instance.service().equals("tester") && instance.port() == port));
		this.app.close();
		assertThat(this.control.instances().values()).noneMatch((instance) -> instance.service().equals("tester"));
		assertThat(this.control.log()).anyMatch((line) -> line.startsWith("DELETE /v1/registry/instances/tester-"));
	}

	@Test
	void discoveryClientFollowsPushedChangesWithinASecond() {
		DiscoveryClient discovery = this.app.getBean(DiscoveryClient.class);
		assertThat(discovery.getInstances("pricing")).extracting(ServiceInstance::getInstanceId)
			.containsExactly("pricing-1", "pricing-2");
		this.control.remove("pricing-2");
		await().atMost(Duration.ofSeconds(1))
			.untilAsserted(
					() -> assertThat(discovery.getInstances("pricing")).extracting(ServiceInstance::getInstanceId)
						.containsExactly("pricing-1"));
		RestClient client = this.app.getBean(RestClient.Builder.class).build();
		for (int i = 0; i < 4; i++) {
			assertThat(client.get().uri("http://pricing/").retrieve().body(String.class)).isEqualTo("one");
		}
	}

}
