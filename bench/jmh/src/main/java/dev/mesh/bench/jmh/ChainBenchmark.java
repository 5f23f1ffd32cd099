package dev.mesh.bench.jmh;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.springframework.http.HttpMethod;

import dev.mesh.resilience.CallAttempt;
import dev.mesh.resilience.ResilientCall;
import dev.mesh.resilience.ThreadAlarms;

/**
 * What the resilience chain costs per call, around a call that does nothing (returns the
 * same 1 KiB): the starter's chain as its blocking client drives it, next to
 * resilience4j's own decorators and to Spring Cloud CircuitBreaker's resilience4j
 * integration, each with a circuit breaker (count-based window of 100 calls, 50%
 * failures) and a semaphore bulkhead (64 calls, no waiting) that never trip. The
 * difference to {@link #direct} is the cost of the chain; at the HTTP level (the chain
 * suite) the same difference is below the noise of a real call.
 * <ul>
 * <li>{@link #mesh}: {@code MeshResilience.start}, the first attempt through breaker and
 * bulkhead, the attempt's time limit and deadline header, the timeout alarm set and
 * stopped around the call, the outcome reported and the retry decision taken, as
 * {@code MeshClientHttpRequestInterceptor} does (without the route match, load-balancer
 * pick and HTTP request copy, which the HTTP level includes).</li>
 * <li>{@link #meshWithoutTimeout}: the same without a timeout, so without an alarm.</li>
 * <li>{@link #resilience4j}: {@code CircuitBreaker.decorateSupplier} around
 * {@code Bulkhead.decorateSupplier}, decorated per call. resilience4j has no synchronous
 * time limiter, so no timeout.</li>
 * <li>{@link #springCloud}:
 * {@code Resilience4JCircuitBreakerFactory.create(id).run(call)} as Spring Cloud's
 * documentation writes it, with a 2 s time limiter: the call runs on the factory's
 * executor while the calling thread waits for it.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ChainBenchmark {

	/**
	 * The destination of the mesh chain.
	 */
	static final String SERVICE = "bench-chain";

	/**
	 * The instance every mesh attempt is sent to.
	 */
	static final String INSTANCE = "bench-chain-1";

	/**
	 * The call alone: the floor every chain adds to.
	 * @param backend the call
	 * @return its response
	 */
	@Benchmark
	public byte[] direct(Backend backend) {
		return backend.call();
	}

	/**
	 * The starter's chain with a timeout.
	 * @param chain the chain
	 * @param backend the call
	 * @param blackhole takes the deadline header
	 * @return the response
	 */
	@Benchmark
	public byte[] mesh(MeshChain.WithTimeout chain, Backend backend, Blackhole blackhole) {
		return meshCall(chain, backend, blackhole);
	}

	/**
	 * The starter's chain without a timeout.
	 * @param chain the chain
	 * @param backend the call
	 * @param blackhole takes the deadline header
	 * @return the response
	 */
	@Benchmark
	public byte[] meshWithoutTimeout(MeshChain.WithoutTimeout chain, Backend backend, Blackhole blackhole) {
		return meshCall(chain, backend, blackhole);
	}

	private static byte[] meshCall(MeshChain chain, Backend backend, Blackhole blackhole) {
		ResilientCall call = chain.resilience()
			.start(SERVICE, null, chain.timeout(), HttpMethod.GET, chain.headers(), true, null);
		if (call.fault() != ResilientCall.InjectedFault.NONE) {
			throw new IllegalStateException("No fault is configured, yet one was injected");
		}
		CallAttempt attempt = call.firstAttempt();
		Duration limit = attempt.send(INSTANCE);
		blackhole.consume(attempt.deadlineHeader());
		ThreadAlarms.Alarm alarm = (limit != null) ? ThreadAlarms.start(limit) : null;
		byte[] body = backend.call();
		if (alarm != null) {
			alarm.stop();
		}
		attempt.completed(200);
		if (call.retryDelay(200, null) != null) {
			throw new IllegalStateException("A 200 was to be retried");
		}
		return body;
	}

	/**
	 * resilience4j's decorators: circuit breaker around bulkhead.
	 * @param decorators the breaker and bulkhead
	 * @param backend the call
	 * @return the response
	 */
	@Benchmark
	public byte[] resilience4j(Resilience4jDecorators decorators, Backend backend) {
		Supplier<byte[]> call = CircuitBreaker.decorateSupplier(decorators.breaker(),
				Bulkhead.decorateSupplier(decorators.bulkhead(), backend::call));
		return call.get();
	}

	/**
	 * Spring Cloud CircuitBreaker's resilience4j integration.
	 * @param springCloud the factory
	 * @param backend the call
	 * @return the response
	 */
	@Benchmark
	public byte[] springCloud(SpringCloudCircuitBreaker springCloud, Backend backend) {
		return springCloud.factory().create(SpringCloudCircuitBreaker.ID).run(backend::call);
	}

	/**
	 * The call that does nothing: the same response every time.
	 */
	@State(Scope.Thread)
	public static class Backend {

		private final byte[] body = new byte[1024];

		byte[] call() {
			return this.body;
		}

	}

}
