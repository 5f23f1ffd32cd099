package dev.mesh.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import dev.mesh.core.MeshPolicyState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The inbound filters on a reactive server: the deadline reaches the Reactor context and
 * cancels the handling when it passes; the rate limit answers 429.
 */
class ReactiveFiltersTests {

	private final AtomicBoolean cancelled = new AtomicBoolean();

	private final ResilienceListener listener = new ResilienceListener() {
	};

	@Test
	void cancelsTheHandlingAtTheDeadlineAndAnswers504() {
		WebTestClient client = client(new MockEnvironment());
		long start = System.nanoTime();
		client.get()
			.uri("/never")
			.header(MeshDeadline.HEADER, "200")
			.exchange()
			.expectStatus()
			.isEqualTo(504)
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("Deadline exceeded"));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
		await().atMost(Duration.ofSeconds(1)).untilTrue(this.cancelled);
	}

	@Test
	void putsTheDeadlineInTheReactorContext() {
		WebTestClient client = client(new MockEnvironment());
		client.get()
			.uri("/remaining")
			.header(MeshDeadline.HEADER, "800")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((body) -> assertThat(Long.parseLong(body)).isBetween(1L, 800L));
		client.get().uri("/remaining").exchange().expectBody(String.class).isEqualTo("none");
	}

	@Test
	void answersCallersOverTheirRateWith429() {
		WebTestClient client = client(
				new MockEnvironment().withProperty("mesh.inbound.rate-limit.requests-per-second", "1"));
		client.get().uri("/remaining").exchange().expectStatus().isOk();
		client.get()
			.uri("/remaining")
			.exchange()
			.expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.valueEquals("Retry-After", "1");
	}

	private WebTestClient client(MockEnvironment environment) {
		InboundRateLimiter limiter = new InboundRateLimiter(new MeshPolicyState(environment), this.listener,
				System::nanoTime);
		return WebTestClient.bindToRouterFunction(RouterFunctions.route()
			.GET("/never", (request) -> Mono.<ServerResponse>never().doOnCancel(() -> this.cancelled.set(true)))
			.GET("/remaining", (request) -> Mono.deferContextual((context) -> {
				MeshDeadline deadline = context.getOrDefault(MeshDeadline.CONTEXT_KEY, null);
				return ServerResponse.ok()
					.bodyValue((deadline != null) ? Long.toString(deadline.remainingNanos() / 1_000_000) : "none");
			}))
			.build())
			.webFilter(new RateLimitWebFilter(limiter, new HeaderCallerIdentityResolver()),
					new DeadlineWebFilter(Duration.ofMinutes(1), this.listener))
			.configureClient()
			.responseTimeout(Duration.ofSeconds(5))
			.build();
	}

}
