package dev.mesh.resilience;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import dev.mesh.client.MeshTimeoutException;
import dev.mesh.policy.delivery.PolicySnapshot;
import dev.mesh.test.ScriptedServer;
import dev.mesh.test.ScriptedServer.Reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Deadlines across hops, and a timeout tightened live.
 */
class DeadlineIntegrationTests {

	@TempDir
	Path cache;

	private final MeshFixture mesh;

	DeadlineIntegrationTests() throws Exception {
		this.mesh = new MeshFixture();
	}

	@AfterEach
	void stop() throws Exception {
		this.mesh.close();
	}

	@Test
	void aThreeHopChainFailsAtItsDeadlineAndTheLastHopStopsWorking() {
		ConfigurableApplicationContext last = this.mesh.app("worker");
		this.mesh.app("middle");
		ConfigurableApplicationContext first = this.mesh.app("front",
				"mesh.outbound.destinations.middle.timeout=300ms");
		MeshFixture.awaitInstances(first, "middle", 1);
		MeshFixture.awaitInstances(first, "worker", 1);
		RestClient outside = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + MeshFixture.port(first))
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
		long start = System.nanoTime();
		ResponseEntity<String> response = outside.get()
			.uri("/call?url={url}", "http://middle/call?url=http://worker/work?millis=5000")
			.retrieve()
			.toEntity(String.class);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(response.getStatusCode().value()).isEqualTo(504);
		assertThat(response.getBody()).contains("call to service middle timed out after 300 ms");
		assertThat(elapsed).isBetween(Duration.ofMillis(290), Duration.ofMillis(2_000));
		ResilienceTestApplication worker = last.getBean(ResilienceTestApplication.class);
		await().atMost(Duration.ofSeconds(2)).untilTrue(worker.workStopped);
		int steps = worker.workSteps.get();
		assertThat(steps).isLessThan(100);
		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(1))
			.until(() -> worker.workSteps.get() == steps);
		assertThat(MeshFixture.count(last, "mesh.server.deadline.exceeded")).isOne();
	}

	@Test
	void appliesATightenedTimeoutUnderLoadWithoutFailingARequest() throws Exception {
		ScriptedServer backend = this.mesh.add(ScriptedServer.start((request) -> request.path().equals("/slow")
				? Reply.ok("late").after(Duration.ofSeconds(3)) : Reply.ok("ok")));
		this.mesh.register("catalog-1", "catalog", backend.port());
		ConfigurableApplicationContext app = this.mesh.app("caller", "mesh.sync.enabled=true",
				"mesh.sync.cache-directory=" + this.cache, "mesh.outbound.destinations.catalog.timeout=5s");
		RestClient client = app.getBean(RestClient.Builder.class).build();
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger succeeded = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		Thread[] load = new Thread[4];
		for (int i = 0; i < load.length; i++) {
			load[i] = new Thread(() -> {
				while (running.get()) {
					try {
						client.get().uri("http://catalog/fast").retrieve().body(String.class);
						succeeded.incrementAndGet();
					}
					catch (RuntimeException ex) {
						failed.incrementAndGet();
					}
				}
			});
			load[i].start();
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> succeeded.get() > 200);
		this.mesh.control()
			.policy()
			.push("caller",
					new PolicySnapshot(1, java.util.Map.of("mesh.outbound.destinations[catalog].timeout", "300ms")));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.mesh.control().policy().acks().stream().anyMatch((ack) -> ack.version() == 1));
		int before = succeeded.get();
		await().atMost(Duration.ofSeconds(5)).until(() -> succeeded.get() > before + 200);
		running.set(false);
		for (Thread thread : load) {
			thread.join();
		}
		assertThat(failed.get()).isZero();
		long start = System.nanoTime();
		assertThatExceptionOfType(MeshTimeoutException.class)
			.isThrownBy(() -> client.get().uri("http://catalog/slow").retrieve().body(String.class))
			.withMessage("call to service catalog timed out after 300 ms");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
	}

}
