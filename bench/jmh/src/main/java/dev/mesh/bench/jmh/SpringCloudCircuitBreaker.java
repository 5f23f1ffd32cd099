package dev.mesh.bench.jmh;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigurationProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadProvider;

/**
 * Spring Cloud CircuitBreaker's resilience4j factory as its auto-configuration builds it,
 * configured as the chain suite's caller configures it with {@code resilience4j.*}
 * properties: the breaker and a 2 s time limiter as configurations of the circuit
 * breaker's id, and a semaphore bulkhead instance of that id (Spring Cloud then uses a
 * semaphore bulkhead rather than its default thread-pool bulkhead). Calls run on the
 * factory's executor, a cached thread pool as Spring Cloud's default, shut down at the
 * end. No observation registry (the app's calls are also observed).
 */
@State(Scope.Benchmark)
public class SpringCloudCircuitBreaker {

	static final String ID = "bench-backend";

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private Resilience4JCircuitBreakerFactory factory;

	@Setup(Level.Trial)
	public void setUp() {
		CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
		breakers.addConfiguration(ID, Resilience4jDecorators.breakerConfig());
		TimeLimiterRegistry timeLimiters = TimeLimiterRegistry.ofDefaults();
		timeLimiters.addConfiguration(ID, TimeLimiterConfig.custom().timeoutDuration(Duration.ofSeconds(2)).build());
		BulkheadRegistry bulkheads = BulkheadRegistry.ofDefaults();
		bulkheads.bulkhead(ID, Resilience4jDecorators.bulkheadConfig());
		Resilience4JConfigurationProperties properties = new Resilience4JConfigurationProperties();
		this.factory = new Resilience4JCircuitBreakerFactory(breakers, timeLimiters,
				new Resilience4jBulkheadProvider(ThreadPoolBulkheadRegistry.ofDefaults(), bulkheads, properties),
				properties);
		this.factory.configureExecutorService(this.executor);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.executor.shutdownNow();
	}

	Resilience4JCircuitBreakerFactory factory() {
		return this.factory;
	}

}
