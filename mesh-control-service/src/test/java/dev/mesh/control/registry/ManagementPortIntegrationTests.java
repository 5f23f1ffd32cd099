package dev.mesh.control.registry;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class ManagementPortIntegrationTests {

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Test
	void servesActuatorOnManagementPort() {
		WebTestClient management = client(this.managementPort);
		management.get().uri("/actuator/health").exchange().expectStatus().isOk();
		management.get().uri("/actuator/info").exchange().expectStatus().isOk();
		String prometheus = management.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(prometheus).contains("mesh_registry_revision", "mesh_registry_registrations_total",
				"mesh_registry_evictions_total", "mesh_watch_subscribers");
	}

	@Test
	void exposesNothingElseOnManagementPort() {
		client(this.managementPort).get().uri("/actuator/env").exchange().expectStatus().isNotFound();
		client(this.managementPort).get().uri("/actuator/beans").exchange().expectStatus().isNotFound();
	}

	@Test
	void keepsActuatorOffPublicPort() {
		assertThat(this.managementPort).isNotEqualTo(this.port);
		WebTestClient client = client(this.port);
		client.get().uri("/actuator/prometheus").exchange().expectStatus().isNotFound();
		client.get().uri("/actuator/health").exchange().expectStatus().isNotFound();
		client.get().uri("/actuator").exchange().expectStatus().isNotFound();
	}

	@Test
	void servesHealthProbesOnPublicPort() {
		client(this.port).get().uri("/livez").exchange().expectStatus().isOk();
		client(this.port).get().uri("/readyz").exchange().expectStatus().isOk();
	}

	private static WebTestClient client(int port) {
		return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
	}

}
