package dev.mesh.control.registry;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.util.Assert;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import dev.mesh.policy.registry.RegistryApi;
import dev.mesh.policy.registry.RegistrySnapshot;

/**
 * The watch streams of the registry: each one gets the current snapshot as a server-sent
 * event, then every change. A snapshot is rendered to JSON once, however many streams
 * carry it, and a stream whose client is slow skips to the latest snapshot instead of
 * buffering. Streams end when the application stops, so that graceful shutdown does not
 * wait for them.
 */
final class WatchStreams implements SmartLifecycle {

	private static final ServerSentEvent<String> KEEPALIVE = ServerSentEvent.<String>builder()
		.comment("keepalive")
		.build();

	private final Flux<ServerSentEvent<String>> events;

	private final Duration keepaliveInterval;

	private final Sinks.One<Boolean> shutdown = Sinks.one();

	private final AtomicInteger subscribers = new AtomicInteger();

	private volatile boolean running;

	WatchStreams(InstanceRegistry registry, JsonMapper jsonMapper, Duration keepaliveInterval) {
		Assert.notNull(registry, "'registry' must not be null");
		Assert.notNull(jsonMapper, "'jsonMapper' must not be null");
		Assert.isTrue(keepaliveInterval != null && !keepaliveInterval.isNegative() && !keepaliveInterval.isZero(),
				"'keepaliveInterval' must be positive");
		this.keepaliveInterval = keepaliveInterval;
		// Hand snapshots off the registry's writing thread before fanning them out
		this.events = registry.snapshots()
			.publishOn(Schedulers.parallel(), 1)
			.map((snapshot) -> event(jsonMapper, snapshot))
			.replay(1)
			.refCount();
	}

	/**
	 * Open a watch stream: {@value RegistryApi#SNAPSHOT_EVENT} events carrying a whole
	 * {@link RegistrySnapshot} as JSON, with a comment after each idle keepalive
	 * interval.
	 * @return the stream
	 */
	Flux<ServerSentEvent<String>> open() {
		return this.events.onBackpressureLatest()
			.switchMap((event) -> Flux.interval(this.keepaliveInterval)
				.onBackpressureDrop()
				.map((tick) -> KEEPALIVE)
				.startWith(event))
			.takeUntilOther(this.shutdown.asMono())
			.doOnSubscribe((subscription) -> this.subscribers.incrementAndGet())
			.doFinally((signal) -> this.subscribers.decrementAndGet());
	}

	/**
	 * Return the number of open watch streams.
	 * @return the number of streams
	 */
	int subscribers() {
		return this.subscribers.get();
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.shutdown.tryEmitValue(Boolean.TRUE);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private static ServerSentEvent<String> event(JsonMapper jsonMapper, RegistrySnapshot snapshot) {
		return ServerSentEvent.builder(jsonMapper.writeValueAsString(snapshot))
			.event(RegistryApi.SNAPSHOT_EVENT)
			.id(Long.toString(snapshot.revision()))
			.build();
	}

}
