package dev.mesh.bench.jmh;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import dev.mesh.core.MeshPolicyState;
import dev.mesh.resilience.MeshResilience;
import dev.mesh.resilience.ResilienceState;

/**
 * The starter's resilience chain for one destination, built as its auto-configuration
 * builds it (policy bound from {@code mesh.outbound.destinations.<service>.*} properties,
 * the system clock), with a circuit breaker and a bulkhead and the default retries and
 * retry budget; no listener, so no metrics. The timeout, when there is one, is
 * {@value #TIMEOUT_MILLIS} ms: each call schedules an alarm on the chain's scheduler and
 * cancels it, and a cancelled alarm stays queued until its time (as in an app), so the
 * queue holds about calls per second × timeout. At millions of calls per second a timeout
 * of seconds would fill the heap; {@value #TIMEOUT_MILLIS} ms keeps the queue to tens of
 * thousands, the size an app serving thousands of calls per second with a timeout of
 * seconds holds.
 */
public abstract class MeshChain {

	static final long TIMEOUT_MILLIS = 10;

	private final HttpHeaders headers = new HttpHeaders();

	private MeshResilience resilience;

	private Duration timeout;

	void init(Duration timeout) {
		Map<String, Object> properties = new HashMap<>();
		String prefix = "mesh.outbound.destinations." + ChainBenchmark.SERVICE + ".";
		properties.put(prefix + "circuit-breaker.sliding-window-size", "100");
		properties.put(prefix + "circuit-breaker.failure-rate-threshold", "50");
		properties.put(prefix + "circuit-breaker.minimum-calls", "20");
		properties.put(prefix + "bulkhead.max-concurrent-calls", "64");
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("benchmark", properties));
		this.resilience = new MeshResilience(new MeshPolicyState(environment), null);
		this.timeout = timeout;
		this.resilience.start(ChainBenchmark.SERVICE, null, timeout, HttpMethod.GET, this.headers, true, null);
		ResilienceState state = this.resilience.describe().get(0);
		if (state.bulkhead() == null || "DISABLED".equals(state.circuitBreaker().state())) {
			throw new IllegalStateException("The chain has no breaker or no bulkhead: the policy was not bound");
		}
	}

	MeshResilience resilience() {
		return this.resilience;
	}

	Duration timeout() {
		return this.timeout;
	}

	HttpHeaders headers() {
		return this.headers;
	}

	/**
	 * The chain with a timeout.
	 */
	@State(Scope.Benchmark)
	public static class WithTimeout extends MeshChain {

		@Setup(Level.Trial)
		public void setUp() {
			init(Duration.ofMillis(TIMEOUT_MILLIS));
		}

	}

	/**
	 * The chain without a timeout.
	 */
	@State(Scope.Benchmark)
	public static class WithoutTimeout extends MeshChain {

		@Setup(Level.Trial)
		public void setUp() {
			init(null);
		}

	}

}
