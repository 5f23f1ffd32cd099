package dev.mesh.control.registry;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.Disposable;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import dev.mesh.policy.registry.RegistryApi;
import dev.mesh.policy.registry.RegistrySnapshot;

import static org.assertj.core.api.Assertions.assertThat;

class WatchStreamsTests {

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final InstanceRegistry registry = new InstanceRegistry(new MutableClock(), Duration.ofSeconds(15));

	@Test
	void opensWithCurrentSnapshotThenPushesChanges() {
		this.registry.register(InstanceRegistryTests.instance("catalog-1", "catalog", "v1"));
		WatchStreams streams = new WatchStreams(this.registry, this.jsonMapper, Duration.ofMinutes(1));
		StepVerifier.create(streams.open())
			.assertNext((event) -> assertSnapshotEvent(event, 1))
			.then(() -> this.registry.deregister("catalog-1"))
			.assertNext((event) -> {
				assertSnapshotEvent(event, 2);
				assertThat(snapshot(event).services()).isEmpty();
			})
			.thenCancel()
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void sendsKeepaliveCommentWhileStreamIsIdle() {
		WatchStreams streams = new WatchStreams(this.registry, this.jsonMapper, Duration.ofMillis(50));
		StepVerifier.create(streams.open()).assertNext((event) -> assertSnapshotEvent(event, 0)).assertNext((event) -> {
			assertThat(event.comment()).isEqualTo("keepalive");
			assertThat(event.event()).isNull();
			assertThat(event.data()).isNull();
		}).thenCancel().verify(Duration.ofSeconds(5));
	}

	@Test
	void endsStreamsWhenStopped() {
		WatchStreams streams = new WatchStreams(this.registry, this.jsonMapper, Duration.ofMinutes(1));
		streams.start();
		StepVerifier.create(streams.open())
			.assertNext((event) -> assertSnapshotEvent(event, 0))
			.then(streams::stop)
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		StepVerifier.create(streams.open()).expectComplete().verify(Duration.ofSeconds(5));
		assertThat(streams.isRunning()).isFalse();
	}

	@Test
	void countsOpenStreams() {
		WatchStreams streams = new WatchStreams(this.registry, this.jsonMapper, Duration.ofMinutes(1));
		StepVerifier.create(streams.open())
			.assertNext((event) -> assertThat(streams.subscribers()).isOne())
			.thenCancel()
			.verify(Duration.ofSeconds(5));
		assertThat(streams.subscribers()).isZero();
	}

	@Test
	void rendersSnapshotOnceForAllStreams() {
		WatchStreams streams = new WatchStreams(this.registry, this.jsonMapper, Duration.ofMinutes(1));
		Disposable open = streams.open().subscribe();
		try {
			ServerSentEvent<String> first = streams.open().blockFirst(Duration.ofSeconds(5));
			ServerSentEvent<String> second = streams.open().blockFirst(Duration.ofSeconds(5));
			assertThat(first).isNotNull();
			assertThat(second).isNotNull();
			assertThat(second.data()).isSameAs(first.data());
		}
		finally {
			open.dispose();
		}
	}

	private void assertSnapshotEvent(ServerSentEvent<String> event, long revision) {
		assertThat(event.event()).isEqualTo(RegistryApi.SNAPSHOT_EVENT);
		assertThat(event.id()).isEqualTo(Long.toString(revision));
		assertThat(snapshot(event).revision()).isEqualTo(revision);
	}

	private RegistrySnapshot snapshot(ServerSentEvent<String> event) {
		return this.jsonMapper.readValue(event.data(), RegistrySnapshot.class);
	}

}
