package dev.mesh.gateway.direct;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;

/**
 * Spring Boot's server request timer ({@code http.server.requests} unless
 * {@code management.observations.http.server.requests.name} says otherwise) for directly
 * forwarded requests, with the tags its default convention gives a request Spring Cloud
 * Gateway routed: {@code method}, {@code status}, {@code outcome}, {@code uri}
 * ({@code UNKNOWN}: no handler pattern), {@code exception} and {@code error}. Each timer
 * is looked up once and kept. The observation's {@code .active} long task timer is not
 * kept for direct requests.
 */
final class DirectServerTimer {

	private final MeterRegistry registry;

	private final String name;

	private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

	DirectServerTimer(MeterRegistry registry, String name) {
		this.registry = registry;
		this.name = name;
	}

	/**
	 * Record a request.
	 * @param method the request method
	 * @param status the status of the answer, 0 when none was sent
	 * @param exception the simple name of the failure answered, {@code none} without one
	 * @param nanos how long it took
	 */
	void record(String method, int status, String exception, long nanos) {
		Key key = new Key(method, status, exception);
		Timer timer = this.timers.get(key);
		if (timer == null) {
			timer = this.timers.computeIfAbsent(key, this::register);
		}
		timer.record(nanos, TimeUnit.NANOSECONDS);
	}

	private Timer register(Key key) {
		return Timer.builder(this.name)
			.tags(List.of(Tag.of("method", key.method()),
					Tag.of("status", (key.status() != 0) ? Integer.toString(key.status()) : "UNKNOWN"),
					Tag.of("outcome", Outcome.forStatus(key.status()).name()), Tag.of("uri", "UNKNOWN"),
					Tag.of("exception", key.exception()), Tag.of("error", key.exception())))
			.register(this.registry);
	}

	private record Key(String method, int status, String exception) {

	}

}
