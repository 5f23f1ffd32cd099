package dev.mesh.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mesh.discovery.MeshEndpoints;
import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.test.FakeControlService;

import static org.awaitility.Awaitility.await;

/**
 * A fake control service, backends registered with it, and mesh applications started
 * against it; everything closed in reverse order.
 */
final class MeshFixture implements AutoCloseable {

	private final List<AutoCloseable> resources = new ArrayList<>();

	private final FakeControlService control;

	MeshFixture() throws Exception {
		this.control = add(FakeControlService.start());
	}

	FakeControlService control() {
		return this.control;
	}

	<T extends AutoCloseable> T add(T resource) {
		this.resources.add(resource);
		return resource;
	}

	void register(String id, String service, int port) {
		this.control.put(new MeshInstance(id, service, "127.0.0.1", port, "v1", "default", Map.of()));
	}

	ConfigurableApplicationContext app(String service, String... properties) {
		List<String> all = new ArrayList<>(List.of("spring.application.name=" + service, "server.port=0",
				"server.address=127.0.0.1", "mesh.control.url=" + this.control.url(), "mesh.address=127.0.0.1",
				"mesh.discovery.drain-delay=0s", "mesh.sync.enabled=false",
				"management.endpoints.web.exposure.include=mesh"));
		all.addAll(List.of(properties));
		return add(new SpringApplicationBuilder(ResilienceTestApplication.class).properties(all.toArray(String[]::new))
			.run());
	}

	static void awaitInstances(ConfigurableApplicationContext app, String service, int count) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> app.getBean(MeshEndpoints.class).instances(service).size() == count);
	}

	static int port(ConfigurableApplicationContext app) {
		return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
	}

	static double count(ConfigurableApplicationContext app, String meter, String... tags) {
		Search search = app.getBean(MeterRegistry.class).find(meter).tags(tags);
		return search.counters().stream().mapToDouble((counter) -> counter.count()).sum();
	}

	@Override
	public void close() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

}
