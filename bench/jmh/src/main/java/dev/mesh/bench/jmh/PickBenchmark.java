package dev.mesh.bench.jmh;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import dev.mesh.core.MeshPolicyState;
import dev.mesh.loadbalancer.HashKeyValues;
import dev.mesh.loadbalancer.MeshLoadBalancer;
import dev.mesh.loadbalancer.Pick;
import dev.mesh.loadbalancer.RequestHashKey;

/**
 * Cost of one load-balancing decision of the starter: {@link MeshLoadBalancer#choose} for
 * a destination with 10, 100 or 1,000 instances, and the completion of the pick
 * ({@link Pick#completed(int)}) that the client interceptor makes after every call, so
 * that the in-flight counts and the latency average are updated as in real use. The
 * balancer is the starter's own, built as the auto-configuration builds it (policy bound
 * from properties, the system clock); outlier detection is on with its defaults and never
 * fires (every call succeeds). The ring hash reads a different key on each pick, from
 * {@value #KEYS} distinct values.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PickBenchmark {

	static final String SERVICE = "catalog";

	static final String HASH_HEADER = "x-user";

	static final int KEYS = 4096;

	/**
	 * The algorithm, as {@code load-balancer.algorithm} names it.
	 */
	@Param({ "ROUND_ROBIN", "RANDOM", "LEAST_REQUEST", "LATENCY_AWARE", "RING_HASH" })
	public String algorithm;

	/**
	 * Instances of the destination.
	 */
	@Param({ "10", "100", "1000" })
	public int instances;

	private MeshLoadBalancer balancer;

	@Setup(Level.Trial)
	public void setUp() {
		Map<String, Object> properties = new HashMap<>();
		String prefix = "mesh.outbound.destinations." + SERVICE + ".load-balancer.";
		properties.put(prefix + "algorithm", this.algorithm);
		if ("RING_HASH".equals(this.algorithm)) {
			properties.put(prefix + "hash.header", HASH_HEADER);
		}
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("benchmark", properties));
		this.balancer = new MeshLoadBalancer(new StaticEndpoints(SERVICE, this.instances),
				new MeshPolicyState(environment), "zone-a", null);
		Pick first = this.balancer.choose(SERVICE, null, HashKeyValues.NONE);
		if (first == null || !this.algorithm.equals(this.balancer.settings(SERVICE).algorithm().name())) {
			throw new IllegalStateException("The balancer does not run " + this.algorithm);
		}
		first.completed(200);
	}

	/**
	 * One pick and its completion.
	 * @param keys the calling thread's hash keys
	 * @return the pick, so that the JIT cannot drop the work
	 */
	@Benchmark
	public Pick pickAndComplete(Keys keys) {
		Pick pick = this.balancer.choose(SERVICE, null, keys);
		pick.completed(200);
		return pick;
	}

	/**
	 * A thread's request keys for the ring hash: a different user on each pick.
	 */
	@State(Scope.Thread)
	public static class Keys implements HashKeyValues {

		private final String[] values = new String[KEYS];

		private int next;

		@Setup(Level.Trial)
		public void setUp() {
			for (int i = 0; i < KEYS; i++) {
				this.values[i] = "user-" + Integer.toHexString(i * 0x9E3779B1);
			}
		}

		@Override
		public String value(RequestHashKey key) {
			this.next = (this.next + 1) & (KEYS - 1);
			return this.values[this.next];
		}

	}

}
