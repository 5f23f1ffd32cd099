package dev.mesh.observability;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.springframework.beans.factory.ObjectProvider;

import dev.mesh.resilience.ResilienceListener;

/**
 * Counters of the resilience chain, tagged with the destination
 * ({@code mesh.destination}) and the route ({@code mesh.route}); the common tags add the
 * calling service. Counters are looked up once per name and tags.
 */
class ResilienceMetrics implements ResilienceListener {

	private static final String ROUTE_TAG = "mesh.route";

	private final ObjectProvider<MeterRegistry> registry;

	private final Map<Key, Counter> counters = new ConcurrentHashMap<>();

	ResilienceMetrics(ObjectProvider<MeterRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public void attempt(String service, String route, boolean retry) {
		increment("mesh.client.attempts", "Attempts of calls, retries included", service, route, null, null);
		if (retry) {
			increment("mesh.client.retries", "Retries of calls", service, route, null, null);
		}
	}

	@Override
	public void budgetExhausted(String service, String route) {
		increment("mesh.client.retry.budget.exhausted", "Retries not made because the retry budget was spent", service,
				route, null, null);
	}

	@Override
	public void breakerTransition(String service, String from, String to) {
		increment("mesh.circuitbreaker.transitions", "Circuit breaker state changes", service, null, "from:" + from,
				"to:" + to);
	}

	@Override
	public void breakerRejected(String service, String route) {
		increment("mesh.circuitbreaker.rejected", "Calls and retries refused by an open circuit breaker", service,
				route, null, null);
	}

	@Override
	public void bulkheadRejected(String service, String route) {
		increment("mesh.bulkhead.rejected", "Calls and retries refused by a full bulkhead", service, route, null, null);
	}

	@Override
	public void deadlineExceeded(String service, String route) {
		increment("mesh.client.deadline.exceeded", "Calls cut off at their deadline", service, route, null, null);
	}

	@Override
	public void faultInjected(String service, String route, String fault) {
		increment("mesh.client.faults.injected", "Faults injected into calls", service, route, "mesh.fault:" + fault,
				null);
	}

	@Override
	public void inboundDeadlineExceeded() {
		increment("mesh.server.deadline.exceeded", "Inbound requests answered 504 at their deadline", null, null, null,
				null);
	}

	@Override
	public void rateLimited(String caller) {
		increment("mesh.server.rate.limited", "Inbound requests refused by the rate limit", null, null,
				"mesh.caller:" + caller, null);
	}

	private void increment(String name, String description, String service, String route, String tag, String tag2) {
		Key key = new Key(name, service, route, tag, tag2);
		Counter counter = this.counters.get(key);
		if (counter == null) {
			// Looking the registry up costs a bean factory search: once per counter, not
			// per
			// call
			MeterRegistry meters = this.registry.getIfAvailable();
			if (meters == null) {
				return;
			}
			counter = this.counters.computeIfAbsent(key, (k) -> register(meters, k, description));
		}
		counter.increment();
	}

	private static Counter register(MeterRegistry meters, Key key, String description) {
		Tags tags = Tags.empty();
		if (key.service() != null) {
			tags = tags.and(MeshMetrics.DESTINATION_TAG, key.service());
		}
		if (key.route() != null) {
			tags = tags.and(ROUTE_TAG, key.route());
		}
		for (String tag : new String[] { key.tag(), key.tag2() }) {
			if (tag != null) {
				int colon = tag.indexOf(':');
				tags = tags.and(tag.substring(0, colon), tag.substring(colon + 1));
			}
		}
		return Counter.builder(key.name()).description(description).tags(tags).register(meters);
	}

	private record Key(String name, String service, String route, String tag, String tag2) {

	}

}
