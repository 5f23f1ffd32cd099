package dev.mesh.discovery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.test.FakeControlService;
import dev.mesh.test.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class ControlServiceOutageIntegrationTests {

	@Test
	void startsWithoutControlServiceAndJoinsWhenItAppears(CapturedOutput output) throws Exception {
		ServerSocket refusing = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		int port = refusing.getLocalPort();
		AtomicInteger attempts = new AtomicInteger();
		Thread dropper = new Thread(() -> drop(refusing, attempts));
		dropper.start();
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TestApplication.class)
			.properties("spring.application.name=tester", "server.port=0", "server.address=127.0.0.1",
					"mesh.control.url=http://127.0.0.1:" + port, "mesh.control.initial-backoff=20ms",
					"mesh.control.max-backoff=100ms", "mesh.discovery.initial-sync-timeout=0s",
					"mesh.discovery.drain-delay=0s")
			.run()) {
			MeshRegistration registration = app.getBean(MeshRegistration.class);
			MeshEndpoints endpoints = app.getBean(MeshEndpoints.class);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> registration.state() == MeshRegistration.State.RETRYING
						&& endpoints.status().state() == MeshEndpoints.WatchStatus.State.DISCONNECTED);
			// Many attempts fail while the control service is down; each state change is
			// logged once, not once per attempt.
			await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() >= 10);
			assertThat(count(output.getOut(), "Cannot register with the control service")).isEqualTo(1);
			assertThat(count(output.getOut(), "Lost the watch stream")).isEqualTo(1);
			refusing.close();
			dropper.join();
			try (FakeControlService control = FakeControlService.start(port)) {
				control.put(new MeshInstance("pricing-1", "pricing", "127.0.0.1", 9, "v1", "default", Map.of()));
				await().atMost(Duration.ofSeconds(5))
					.until(() -> registration.state() == MeshRegistration.State.REGISTERED);
				await().atMost(Duration.ofSeconds(5)).until(() -> endpoints.instances("pricing").size() == 1);
				assertThat(control.instances().values()).anyMatch((instance) -> instance.service().equals("tester"));
				app.close();
			}
		}
	}

	private static void drop(ServerSocket socket, AtomicInteger attempts) {
		while (!socket.isClosed()) {
			try (Socket connection = socket.accept()) {
				attempts.incrementAndGet();
			}
			catch (IOException ex) {
				// closed: the control service takes the port over
			}
		}
	}

	private static int count(String text, String fragment) {
		int count = 0;
		for (int i = text.indexOf(fragment); i >= 0; i = text.indexOf(fragment, i + 1)) {
			count++;
		}
		return count;
	}

}
