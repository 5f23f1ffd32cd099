package dev.mesh.discovery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mesh.test.FakeControlService;
import dev.mesh.test.TestApplication;
import dev.mesh.test.TextServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class GracefulDrainIntegrationTests {

	private FakeControlService control;

	private TextServer slow;

	@BeforeEach
	void startServers() throws Exception {
		this.control = FakeControlService.start();
		this.slow = TextServer.slow("done", Duration.ofMillis(800));
	}

	@AfterEach
	void stopServers() {
		this.control.close();
		this.slow.close();
	}

	@Test
	void leavesTheMeshThenAnswersEveryRequestInFlightBeforeStopping() throws Exception {
		// An immediate server shutdown would cut running requests: only the drain keeps
		// them
		ConfigurableApplicationContext app = startApp("server.shutdown=immediate");
		await().atMost(Duration.ofSeconds(10)).until(this::registered);
		String instanceId = app.getBean(MeshRegistration.class).instance().instanceId();
		HttpClient http = HttpClient.newHttpClient();
		URI uri = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort()
				+ "/call?url=http://127.0.0.1:" + this.slow.port() + "/work");
		List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			calls.add(http.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()));
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.slow.requests() >= 4);

		CompletableFuture<Void> closing = CompletableFuture.runAsync(app::close);
		await().atMost(Duration.ofSeconds(5)).until(() -> !registered());
		assertThat(closing).isNotDone();
		// A caller that has not heard of the change yet is still answered
		calls.add(http.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()));
		closing.get(30, TimeUnit.SECONDS);

		for (CompletableFuture<HttpResponse<String>> call : calls) {
			HttpResponse<String> response = call.get(5, TimeUnit.SECONDS);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("done");
		}
		assertThat(this.control.log()).contains("DELETE /v1/registry/instances/" + instanceId);
	}

	@Test
	void isRoutableOnlyWhileTheApplicationAcceptsTraffic() {
		try (ConfigurableApplicationContext app = startApp()) {
			MeshRegistration registration = app.getBean(MeshRegistration.class);
			await().atMost(Duration.ofSeconds(10)).until(this::registered);
			AvailabilityChangeEvent.publish(app, ReadinessState.REFUSING_TRAFFIC);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> !registered() && registration.state() == MeshRegistration.State.NOT_READY);
			AvailabilityChangeEvent.publish(app, ReadinessState.ACCEPTING_TRAFFIC);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> registered() && registration.state() == MeshRegistration.State.REGISTERED);
		}
	}

	private ConfigurableApplicationContext startApp(String... properties) {
		return new SpringApplicationBuilder(TestApplication.class)
			.properties("spring.application.name=backend", "server.port=0", "server.address=127.0.0.1",
					"mesh.control.url=" + this.control.url(), "mesh.sync.enabled=false",
					"mesh.discovery.drain-delay=300ms", "mesh.discovery.drain-timeout=10s")
			.properties(properties)
			.run();
	}

	private boolean registered() {
		return this.control.instances().values().stream().anyMatch((instance) -> "backend".equals(instance.service()));
	}

}
