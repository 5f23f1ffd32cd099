package dev.mesh.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import dev.mesh.core.MeshPolicyState;
import dev.mesh.policy.spec.Route;

/**
 * The resilience chain of every destination, as the policy sets it. Per destination, the
 * circuit breaker, bulkhead and retry budget are rebuilt on the first call after the
 * policy changes and kept otherwise; a call runs on the state it started with.
 */
public final class MeshResilience {

	/**
	 * Header that makes any request retriable: the server promises to apply it once.
	 */
	public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
			HttpMethod.TRACE, HttpMethod.PUT, HttpMethod.DELETE);

	private final MeshPolicyState policy;

	private final ResilienceListener listener;

	private final LongSupplier clock;

	private final Map<String, DestinationResilience> destinations = new ConcurrentHashMap<>();

	private final AtomicLong generation = new AtomicLong();

	/**
	 * Create the resilience chain.
	 * @param policy the policy in force
	 * @param listener told of what the chain does
	 */
	public MeshResilience(MeshPolicyState policy, ResilienceListener listener) {
		this(policy, listener, System::nanoTime);
	}

	MeshResilience(MeshPolicyState policy, ResilienceListener listener, LongSupplier clock) {
		this.policy = policy;
		this.listener = (listener != null) ? listener : new ResilienceListener() {
		};
		this.clock = clock;
		policy.addListener((applied) -> this.generation.incrementAndGet());
	}

	/**
	 * Start one outbound request through the chain.
	 * @param service the destination
	 * @param route the policy route the request matched, {@code null} for none
	 * @param timeout the route's overall timeout, {@code null} for none
	 * @param method the request method
	 * @param headers the request headers
	 * @param replayable whether the request's body can be sent again (buffered, or none)
	 * @param inbound the deadline of the inbound request being served, {@code null} for
	 * none
	 * @return the call
	 */
	public ResilientCall start(String service, Route route, Duration timeout, HttpMethod method, HttpHeaders headers,
			boolean replayable, MeshDeadline inbound) {
		DestinationResilience destination = destination(service);
		CallSettings settings = destination.settings(route);
		boolean retryable = replayable && (settings.safe() || IDEMPOTENT.contains(method)
				|| (headers != null && headers.containsHeader(IDEMPOTENCY_KEY)));
		return new ResilientCall(destination, settings, this.listener, timeout, inbound, retryable);
	}

	/**
	 * Admit one attempt to a destination through its circuit breaker and bulkhead only,
	 * for a client that applies timeouts, retries and faults itself (the gateway, whose
	 * routes take them from the same policy). The attempt counts for the breaker and
	 * holds a bulkhead slot exactly as the attempts of {@link #start} do, until the
	 * client reports how it ended.
	 * @param service the destination
	 * @param route the route, for metrics
	 * @return the attempt
	 * @throws CircuitOpenException when the breaker is open
	 * @throws BulkheadFullException when the bulkhead is full
	 */
	public CallAttempt admit(String service, String route) {
		DestinationResilience destination = destination(service);
		destination.acquire(route, this.listener);
		return new CallAttempt(null, destination.breaker(), destination.bulkhead());
	}

	DestinationResilience destination(String service) {
		long current = this.generation.get();
		DestinationResilience destination = this.destinations.get(service);
		if (destination != null && destination.generation() == current) {
			return destination;
		}
		return this.destinations.compute(service, (name, previous) -> {
			if (previous != null && previous.generation() == current) {
				return previous;
			}
			return new DestinationResilience(name, this.policy.current().policy(), current, previous, this.clock,
					this.listener);
		});
	}

	/**
	 * Describe the breaker, budget and bulkhead of each destination called so far.
	 * @return one entry per destination, sorted by service
	 */
	public List<ResilienceState> describe() {
		List<ResilienceState> states = new ArrayList<>();
		for (String service : new TreeSet<>(this.destinations.keySet())) {
			states.add(ResilienceState.of(destination(service)));
		}
		return states;
	}

}
