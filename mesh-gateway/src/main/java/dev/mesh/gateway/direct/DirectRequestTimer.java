package dev.mesh.gateway.direct;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.springframework.http.HttpStatus;

/**
 * Spring Cloud Gateway's request timer ({@code spring.cloud.gateway.requests} unless its
 * metrics prefix says otherwise) for directly forwarded requests, with the tags its
 * standard tags providers give: {@code outcome}, {@code status}, {@code httpStatusCode},
 * {@code httpMethod}, {@code routeId}, {@code routeUri} and the tags of
 * {@code spring.cloud.gateway.server.webflux.metrics.tags}. Each timer is looked up once
 * and kept. The time runs until the answer is complete.
 */
final class DirectRequestTimer {

	/**
	 * The tags providers whose tags this timer gives.
	 */
	static final Set<String> TAGS_PROVIDERS = Set.of(
			"org.springframework.cloud.gateway.support.tagsprovider.GatewayHttpTagsProvider",
			"org.springframework.cloud.gateway.support.tagsprovider.GatewayRouteTagsProvider",
			"org.springframework.cloud.gateway.support.tagsprovider.PropertiesTagsProvider");

	private final MeterRegistry registry;

	private final String name;

	private final Tags fixed;

	private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

	DirectRequestTimer(MeterRegistry registry, String prefix, Map<String, String> tags) {
		this.registry = registry;
		this.name = (prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix) + ".requests";
		this.fixed = Tags.of(tags.entrySet().stream().map((tag) -> Tag.of(tag.getKey(), tag.getValue())).toList());
	}

	/**
	 * Record a request.
	 * @param route the route
	 * @param method the request method
	 * @param status the status of the answer, 0 when none was sent
	 * @param nanos how long it took
	 */
	void record(DirectRoute route, String method, int status, long nanos) {
		Key key = new Key(route.id(), route.model().service(), method, status);
		Timer timer = this.timers.get(key);
		if (timer == null) {
			timer = this.timers.computeIfAbsent(key, this::register);
		}
		timer.record(nanos, TimeUnit.NANOSECONDS);
	}

	private Timer register(Key key) {
		String outcome = "CUSTOM";
		String status = "CUSTOM";
		String code = "NA";
		if (key.status() != 0) {
			code = Integer.toString(key.status());
			HttpStatus resolved = HttpStatus.resolve(key.status());
			status = (resolved != null) ? resolved.name() : code;
			outcome = (resolved != null) ? resolved.series().name() : outcome;
		}
		Tags tags = this.fixed.and(List.of(Tag.of("outcome", outcome), Tag.of("status", status),
				Tag.of("httpStatusCode", code), Tag.of("httpMethod", key.method()), Tag.of("routeId", key.route()),
				Tag.of("routeUri", "lb://" + key.service())));
		return this.registry.timer(this.name, tags);
	}

	private record Key(String route, String service, String method, int status) {

	}

}
