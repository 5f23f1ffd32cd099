package dev.mesh.client;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.test.FakeControlService;
import dev.mesh.test.TestApplication;
import dev.mesh.test.TextServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application joins the mesh with the port it bound, leaves it on shutdown and
 * follows its changes. Each test stops the application or changes the mesh, so each has
 * its own; {@link MeshClientIntegrationTests} share one.
 */
class MeshMembershipIntegrationTests {

	private FakeControlService control;

	private TextServer one;

	private TextServer two;

	private ConfigurableApplicationContext app;

	@BeforeEach
	void start() throws Exception {
		this.control = FakeControlService.start();
		this.one = TextServer.start("one");
		this.two = TextServer.start("two");
		this.control.put(instance("pricing-1", "v1", this.one.port()));
		this.control.put(instance("pricing-2", "v2", this.two.port()));
		this.app = new SpringApplicationBuilder(TestApplication.class)
			.properties("spring.application.name=tester", "server.port=0", "server.address=127.0.0.1",
					"mesh.control.url=" + this.control.url(), "mesh.discovery.drain-delay=0s")
			.run();
	}

	@AfterEach
	void stop() {
		this.app.close();
		this.control.close();
		this.one.close();
		this.two.close();
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

	private static MeshInstance instance(String id, String version, int port) {
		return new MeshInstance(id, "pricing", "127.0.0.1", port, version, "default", Map.of());
	}

}
