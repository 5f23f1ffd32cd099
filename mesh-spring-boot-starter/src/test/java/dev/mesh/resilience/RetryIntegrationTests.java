package dev.mesh.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.Disposable;

import dev.mesh.test.ScriptedServer;
import dev.mesh.test.ScriptedServer.Reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * What is retried, where, and after how long; faults from policy; and what a cancelled
 * call gives back.
 */
class RetryIntegrationTests {

	private static final String CATALOG = "mesh.outbound.destinations.catalog.";

	private final MeshFixture mesh;

	RetryIntegrationTests() throws Exception {
		this.mesh = new MeshFixture();
	}

	@AfterEach
	void stop() throws Exception {
		this.mesh.close();
	}

	@Test
	void retriesAPostOnlyOnASafeRouteOrWithAnIdempotencyKey() throws Exception {
		ScriptedServer down = backend((request) -> Reply.status(503));
		RestClient client = client(this.mesh.app("caller", CATALOG + "routes[0].match.path-prefix=/orders",
				CATALOG + "routes[0].safe=true"));
		assertThatExceptionOfType(HttpServerErrorException.class)
			.isThrownBy(() -> client.post().uri("http://catalog/carts").retrieve().toBodilessEntity());
		assertThat(down.count()).isOne();
		assertThatExceptionOfType(HttpServerErrorException.class).isThrownBy(() -> client.post()
			.uri("http://catalog/carts")
			.header(MeshResilience.IDEMPOTENCY_KEY, "cart-1")
			.retrieve()
			.toBodilessEntity());
		assertThat(down.count()).isEqualTo(1 + 3);
		assertThatExceptionOfType(HttpServerErrorException.class)
			.isThrownBy(() -> client.post().uri("http://catalog/orders").body("{}").retrieve().toBodilessEntity());
		assertThat(down.count()).isEqualTo(1 + 3 + 3);
	}

	@Test
	void sendsARetryToAnotherInstance() throws Exception {
		ScriptedServer broken = backend((request) -> Reply.status(503));
		ScriptedServer healthy = backend((request) -> Reply.ok("ok"));
		// Random picks: a retry that did not avoid the instance tried would fail again
		// half
		// the time.
		RestClient client = client(this.mesh.app("caller", CATALOG + "outlier-detection.max-ejection-percent=0",
				CATALOG + "load-balancer.algorithm=RANDOM"));
		for (int i = 0; i < 40; i++) {
			assertThat(client.get().uri("http://catalog/").retrieve().body(String.class)).isEqualTo("ok");
		}
		assertThat(healthy.count()).isEqualTo(40);
		assertThat(healthy.requests()).extracting(ScriptedServer.Request::caller).containsOnly("caller");
		assertThat(broken.count()).as("first attempts only").isBetween(5, 35);
	}

	@Test
	void waitsForRetryAfterWithinTheDeadlineAndNotBeyondIt() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		ScriptedServer server = backend((request) -> (calls.incrementAndGet() % 2 == 1)
				? Reply.status(429).withHeader("Retry-After", "1") : Reply.ok("ok"));
		ConfigurableApplicationContext app = this.mesh.app("caller", CATALOG + "retries.retry-on[0]=429",
				"mesh.outbound.destinations.catalog.routes[0].match.path=/fast",
				"mesh.outbound.destinations.catalog.routes[0].timeout=500ms");
		RestClient client = client(app);
		long start = System.nanoTime();
		assertThat(client.get().uri("http://catalog/").retrieve().body(String.class)).isEqualTo("ok");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
		assertThat(calls.get()).isEqualTo(2);
		assertThatExceptionOfType(HttpClientErrorException.TooManyRequests.class)
			.isThrownBy(() -> client.get().uri("http://catalog/fast").retrieve().body(String.class));
		assertThat(calls.get()).as("Retry-After is beyond the 500 ms deadline").isEqualTo(3);
		assertThat(Integer.parseInt(server.requests().get(2).deadline())).isBetween(1, 500);
		assertThat(server.requests().get(0).deadline()).as("no timeout, no deadline").isNull();
	}

	@Test
	void retriesAnAttemptThatOutlivesItsPerTryTimeoutWithinTheOverallTimeout() throws Exception {
		ScriptedServer backend = backend(
				(request) -> Reply.ok("ok").after(Duration.ofMillis((request.number() % 2 == 1) ? 20_000 : 0)));
		ConfigurableApplicationContext app = this.mesh.app("caller", CATALOG + "timeout=10s",
				CATALOG + "retries.per-try-timeout=200ms");
		WebClient reactive = app.getBean(WebClient.Builder.class).build();
		long start = System.nanoTime();
		assertThat(client(app).get().uri("http://catalog/").retrieve().body(String.class)).isEqualTo("ok");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		start = System.nanoTime();
		assertThat(reactive.get().uri("http://catalog/").retrieve().bodyToMono(String.class).block()).isEqualTo("ok");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(backend.count()).isEqualTo(4);
		assertThat(Integer.parseInt(backend.requests().get(0).deadline())).as("the attempt's limit").isBetween(1, 200);
	}

	@Test
	void webClientRetriesRequestsWithoutABodyOnly() throws Exception {
		ScriptedServer down = backend((request) -> Reply.status(503));
		WebClient client = this.mesh.app("caller").getBean(WebClient.Builder.class).build();
		assertThatExceptionOfType(WebClientResponseException.ServiceUnavailable.class)
			.isThrownBy(() -> client.get().uri("http://catalog/").retrieve().toBodilessEntity().block());
		assertThat(down.count()).isEqualTo(3);
		assertThatExceptionOfType(WebClientResponseException.ServiceUnavailable.class).isThrownBy(
				() -> client.put().uri("http://catalog/").bodyValue("{}").retrieve().toBodilessEntity().block());
		assertThat(down.count()).isEqualTo(3 + 1);
	}

	@Test
	void cancellingAReactiveCallGivesBackItsBulkheadSlotAndHalfOpenPermit() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		ScriptedServer slow = backend((request) -> (calls.incrementAndGet() <= 2) ? Reply.status(500)
				: Reply.ok("ok").after(Duration.ofMillis((calls.get() == 3) ? 5_000 : 0)));
		ConfigurableApplicationContext app = this.mesh.app("caller", CATALOG + "circuit-breaker.sliding-window-size=2",
				CATALOG + "circuit-breaker.minimum-calls=2", CATALOG + "circuit-breaker.half-open-calls=1",
				CATALOG + "bulkhead.max-concurrent-calls=1", CATALOG + "retries.attempts=1");
		WebClient client = app.getBean(WebClient.Builder.class).build();
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(WebClientResponseException.class)
				.isThrownBy(() -> client.get().uri("http://catalog/").retrieve().toBodilessEntity().block());
		}
		MeshResilience resilience = app.getBean(MeshResilience.class);
		assertThat(resilience.describe().get(0).circuitBreaker().state()).isEqualTo("OPEN");
		resilience.destination("catalog").breaker().transitionToHalfOpenState();
		Disposable probe = client.get().uri("http://catalog/").retrieve().toBodilessEntity().subscribe();
		await().atMost(Duration.ofSeconds(5)).until(() -> slow.count() == 3);
		assertThat(resilience.describe().get(0).bulkhead().inFlight()).isOne();
		assertThat(resilience.describe().get(0).circuitBreaker().state()).isEqualTo("HALF_OPEN");
		probe.dispose();
		await().atMost(Duration.ofSeconds(2)).until(() -> resilience.describe().get(0).bulkhead().inFlight() == 0);
		ResponseEntity<Void> next = client.get().uri("http://catalog/").retrieve().toBodilessEntity().block();
		assertThat(next.getStatusCode().value()).isEqualTo(200);
		assertThat(resilience.describe().get(0).circuitBreaker().state()).isEqualTo("CLOSED");
	}

	@Test
	void injectsAbortsAndDelaysFromPolicyBeforeTheCallLeaves() throws Exception {
		ScriptedServer backend = backend((request) -> Reply.ok("ok"));
		ConfigurableApplicationContext app = this.mesh.app("caller", CATALOG + "fault.abort.percent=100",
				CATALOG + "fault.abort.status=418", CATALOG + "routes[0].match.path=/slow",
				CATALOG + "routes[0].fault.delay.percent=100", CATALOG + "routes[0].fault.delay.duration=200ms",
				CATALOG + "routes[0].fault.abort.percent=0", CATALOG + "routes[0].fault.abort.status=503");
		RestClient client = client(app);
		assertThatExceptionOfType(HttpClientErrorException.class)
			.isThrownBy(() -> client.get().uri("http://catalog/").retrieve().body(String.class))
			.satisfies((ex) -> assertThat(ex.getStatusCode().value()).isEqualTo(418));
		assertThat(backend.count()).isZero();
		long start = System.nanoTime();
		assertThat(client.get().uri("http://catalog/slow").retrieve().body(String.class)).isEqualTo("ok");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
		assertThat(MeshFixture.count(app, "mesh.client.faults.injected", "mesh.fault", "abort")).isOne();
		assertThat(MeshFixture.count(app, "mesh.client.faults.injected", "mesh.fault", "delay")).isOne();
	}

	private ScriptedServer backend(java.util.function.Function<ScriptedServer.Request, Reply> script) throws Exception {
		ScriptedServer server = this.mesh.add(ScriptedServer.start(script));
		this.mesh.register("catalog-" + server.port(), "catalog", server.port());
		return server;
	}

	private static RestClient client(ConfigurableApplicationContext app) {
		return app.getBean(RestClient.Builder.class).build();
	}

}
