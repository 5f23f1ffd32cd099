package dev.mesh.authz;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Counts access decisions by outcome and deciding policy, for {@code /actuator/mesh} and
 * as the counter {@value #METER} (tags {@code decision}, {@code policy}; the common tags
 * add the service). Policy names come from configuration, so the counters are bounded.
 */
final class AuthorizationDecisions {

	static final String METER = "mesh.authz.decisions";

	private final ObjectProvider<MeterRegistry> registry;

	private final Map<Key, Count> counts = new ConcurrentHashMap<>();

	AuthorizationDecisions(ObjectProvider<MeterRegistry> registry) {
		this.registry = registry;
	}

	void count(AccessDecision decision) {
		Key key = new Key(decision.outcome().tag(), decision.policy());
		Count count = this.counts.get(key);
		if (count == null) {
			count = this.counts.computeIfAbsent(key, this::register);
		}
		count.total().increment();
		if (count.counter() != null) {
			count.counter().increment();
		}
	}

	List<AuthorizationDescriptor.Decisions> counts() {
		List<AuthorizationDescriptor.Decisions> result = new ArrayList<>();
		this.counts.forEach((key, count) -> result
			.add(new AuthorizationDescriptor.Decisions(key.decision(), key.policy(), count.total().sum())));
		result.sort(Comparator.comparing(AuthorizationDescriptor.Decisions::decision)
			.thenComparing(AuthorizationDescriptor.Decisions::policy));
		return result;
	}

	private Count register(Key key) {
		MeterRegistry meters = this.registry.getIfAvailable();
		Counter counter = (meters != null) ? Counter.builder(METER)
			.description("Inbound requests by access policy decision: allow, deny or audit-deny")
			.tag("decision", key.decision())
			.tag("policy", key.policy())
			.register(meters) : null;
		return new Count(new LongAdder(), counter);
	}

	private record Key(String decision, String policy) {

	}

	private record Count(LongAdder total, Counter counter) {

	}

}
