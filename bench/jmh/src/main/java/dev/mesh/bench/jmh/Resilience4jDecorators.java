package dev.mesh.bench.jmh;

import java.time.Duration;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * resilience4j's own circuit breaker and semaphore bulkhead, with the settings the mesh
 * chain has: a count-based window of 100 calls, 50% failures after 20 calls, 64
 * concurrent calls and no waiting.
 */
@State(Scope.Benchmark)
public class Resilience4jDecorators {

	private CircuitBreaker breaker;

	private Bulkhead bulkhead;

	@Setup(Level.Trial)
	public void setUp() {
		this.breaker = CircuitBreaker.of(ChainBenchmark.SERVICE, breakerConfig());
		this.bulkhead = Bulkhead.of(ChainBenchmark.SERVICE, bulkheadConfig());
	}

	static CircuitBreakerConfig breakerConfig() {
		return CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(100)
			.failureRateThreshold(50)
			.minimumNumberOfCalls(20)
			.build();
	}

	static BulkheadConfig bulkheadConfig() {
		return BulkheadConfig.custom().maxConcurrentCalls(64).maxWaitDuration(Duration.ZERO).build();
	}

	CircuitBreaker breaker() {
		return this.breaker;
	}

	Bulkhead bulkhead() {
		return this.bulkhead;
	}

}
