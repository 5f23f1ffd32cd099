package dev.mesh.gateway.edge;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import dev.mesh.gateway.edge.GlobalRateLimitProperties.FailureMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The global rate limit against a real Redis server.
 */
class GlobalRateLimiterIntegrationTests {

	private static RedisServer redis;

	private final List<LettuceConnectionFactory> connections = new ArrayList<>();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@BeforeAll
	static void startRedis() throws IOException {
		redis = RedisServer.start();
	}

	@AfterAll
	static void stopRedis() {
		if (redis != null) {
			redis.close();
		}
	}

	@AfterEach
	void closeConnections() {
		this.connections.forEach(LettuceConnectionFactory::destroy);
	}

	@Test
	void takesTheBurstThenTellsHowLongUntilTheNextToken() {
		GlobalRateLimiter limiter = limiter(redis.port(), FailureMode.OPEN);
		for (int i = 0; i < 3; i++) {
			assertThat(limiter.tryAcquire("burst", "address:198.51.100.1", 2, 3).block()).isZero();
		}
		assertThat(limiter.tryAcquire("burst", "address:198.51.100.1", 2, 3).block()).isPositive()
			.isLessThanOrEqualTo(Duration.ofMillis(500).toNanos());
		assertThat(limiter.tryAcquire("burst", "address:198.51.100.2", 2, 3).block()).as("another client").isZero();
		assertThat(limiter.tryAcquire("other", "address:198.51.100.1", 2, 3).block()).as("another route").isZero();
		assertThat(limiter.stats()).satisfies((stats) -> {
			assertThat(stats.allowed()).isEqualTo(5);
			assertThat(stats.limited()).isEqualTo(1);
			assertThat(stats.failures()).isZero();
		});
		assertThat(this.meters.get(GlobalRateLimiter.DECISIONS).tag("outcome", "limited").counter().count())
			.isEqualTo(1);
	}

	@Test
	void twoGatewaysSharingOneRedisEnforceOneLimit() {
		GlobalRateLimiter first = limiter(redis.port(), FailureMode.OPEN);
		GlobalRateLimiter second = limiter(redis.port(), FailureMode.OPEN);
		long start = System.nanoTime();
		int allowed = 0;
		for (int i = 0; i < 20; i++) {
			GlobalRateLimiter gateway = (i % 2 == 0) ? first : second;
			allowed += (gateway.tryAcquire("shared", "key:team-a", 1, 4).block() == 0) ? 1 : 0;
		}
		long refilled = Duration.ofNanos(System.nanoTime() - start).toSeconds();
		// Each instance alone would allow 4; together they allow 4, plus what refilled
		assertThat(allowed).isBetween(4, 4 + (int) refilled);
		assertThat(first.stats().allowed() + second.stats().allowed()).isEqualTo(allowed);
	}

	@Test
	void refillsOnRedisClock() {
		GlobalRateLimiter limiter = limiter(redis.port(), FailureMode.OPEN);
		assertThat(limiter.tryAcquire("refill", "address:203.0.113.7", 20, 1).block()).isZero();
		assertThat(limiter.tryAcquire("refill", "address:203.0.113.7", 20, 1).block()).isPositive();
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> limiter.tryAcquire("refill", "address:203.0.113.7", 20, 1).block() == 0);
	}

	@Test
	void keepsBucketsUnderThePrefixUntilTheyWouldBeFullAgain() {
		GlobalRateLimiter limiter = limiter(redis.port(), FailureMode.OPEN);
		limiter.tryAcquire("expiry", "key:" + "x".repeat(500), 10, 20).block();
		ReactiveStringRedisTemplate template = new ReactiveStringRedisTemplate(this.connections.get(0));
		List<String> keys = template.keys("test:expiry:*").collectList().block();
		assertThat(keys).singleElement()
			.satisfies((key) -> assertThat(key).startsWith("test:expiry:10:20:sha256:").hasSizeLessThan(100));
		Duration ttl = template.getExpire(keys.get(0)).block();
		assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void failsOpenWhenRedisIsUnreachableCountingAndShowingTheFailure() throws IOException {
		GlobalRateLimiter limiter = limiter(closedPort(), FailureMode.OPEN);
		assertThat(limiter.tryAcquire("down", "address:192.0.2.1", 1, 1).block()).isZero();
		assertThat(limiter.tryAcquire("down", "address:192.0.2.1", 1, 1).block()).isZero();
		assertThat(limiter.stats()).satisfies((stats) -> {
			assertThat(stats.failing()).isTrue();
			assertThat(stats.failures()).isEqualTo(2);
			assertThat(stats.allowed()).isZero();
			assertThat(stats.lastFailure()).isNotBlank();
			assertThat(stats.lastFailureAt()).isNotNull();
		});
		assertThat(this.meters.get(GlobalRateLimiter.DECISIONS).tag("outcome", "failed").counter().count())
			.isEqualTo(2);
	}

	@Test
	void failsClosedWhenConfiguredTo() throws IOException {
		GlobalRateLimiter limiter = limiter(closedPort(), FailureMode.CLOSED);
		assertThat(limiter.tryAcquire("down", "address:192.0.2.1", 1, 1).block())
			.isEqualTo(Duration.ofSeconds(1).toNanos());
		assertThat(limiter.stats().failures()).isEqualTo(1);
	}

	private GlobalRateLimiter limiter(int port, FailureMode failureMode) {
		LettuceConnectionFactory connection = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", port));
		connection.afterPropertiesSet();
		connection.start();
		this.connections.add(connection);
		GlobalRateLimitProperties properties = new GlobalRateLimitProperties();
		properties.setEnabled(true);
		properties.setFailureMode(failureMode);
		properties.setTimeout(Duration.ofMillis(500));
		properties.setKeyPrefix("test:");
		return new GlobalRateLimiter(new ReactiveStringRedisTemplate(connection), "127.0.0.1:" + port, properties,
				this.meters);
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
