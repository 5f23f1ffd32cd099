package dev.mesh.kubernetes;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.mesh.kubernetes.KubernetesEndpoints.ServiceEndpoints;
import dev.mesh.kubernetes.test.KubernetesObjects;
import dev.mesh.policy.registry.MeshInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@EnableKubernetesMockClient(crud = true)
class EndpointSliceWatcherTests {

	static KubernetesClient client;

	private EndpointSliceWatcher watcher;

	@AfterEach
	void close() {
		if (this.watcher != null) {
			this.watcher.close();
		}
	}

	@Test
	void followsEndpointSlicesAsTheyAreCreatedScaledAndDeleted() {
		client.resource(KubernetesObjects.pod("shop", "catalog-a", Map.of("version", "v1"))).create();
		client.resource(catalog("shop", KubernetesObjects.ready("shop", "catalog-a", "10.0.0.1", "zone-a"))).create();
		this.watcher = start(List.of("shop"));
		assertThat(this.watcher.current().instances("catalog")).extracting(MeshInstance::instanceId)
			.containsExactly("catalog-a.shop");
		assertThat(this.watcher.status().state()).isEqualTo(EndpointSliceWatcher.State.CONNECTED);

		client.resource(KubernetesObjects.pod("shop", "catalog-b", Map.of("version", "v2"))).create();
		client
			.resource(catalog("shop", KubernetesObjects.ready("shop", "catalog-a", "10.0.0.1", "zone-a"),
					KubernetesObjects.ready("shop", "catalog-b", "10.0.0.2", "zone-b")))
			.update();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(this.watcher.current().instances("catalog")).extracting(MeshInstance::version)
						.containsExactly("v1", "v2"));

		client
			.resource(catalog("shop", KubernetesObjects.ready("shop", "catalog-a", "10.0.0.1", "zone-a"),
					KubernetesObjects.endpoint("shop", "catalog-b", "10.0.0.2", "zone-b",
							new EndpointConditions(false, false, false))))
			.update();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.watcher.current().services().get("catalog"))
				.isEqualTo(new ServiceEndpoints(this.watcher.current().instances("catalog"), 0, 1)));
		assertThat(this.watcher.current().instances("catalog")).extracting(MeshInstance::instanceId)
			.containsExactly("catalog-a.shop");

		client.resource(catalog("shop")).delete();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.watcher.current().services().isEmpty());
	}

	@Test
	void takesDrainingEndpointsOutOfRotation() {
		client
			.resource(catalog("drain", KubernetesObjects.ready("drain", "catalog-a", "10.0.0.1", null),
					KubernetesObjects.endpoint("drain", "catalog-b", "10.0.0.2", null,
							new EndpointConditions(false, true, true))))
			.create();
		this.watcher = start(List.of("drain"));
		assertThat(this.watcher.current().services().get("catalog").draining()).isEqualTo(1);
		assertThat(this.watcher.current().instances("catalog")).extracting(MeshInstance::address)
			.containsExactly("10.0.0.1");
	}

	@Test
	void mergesAServiceAcrossTheNamespacesListed() {
		client.resource(
				KubernetesObjects.slice("blue", "catalog-1", "catalog", List.of(KubernetesObjects.port("http", 8080)),
						List.of(KubernetesObjects.ready("blue", "catalog-a", "10.0.1.1", null))))
			.create();
		client.resource(
				KubernetesObjects.slice("green", "catalog-1", "catalog", List.of(KubernetesObjects.port("http", 8080)),
						List.of(KubernetesObjects.ready("green", "catalog-a", "10.0.2.1", null))))
			.create();
		client.resource(
				KubernetesObjects.slice("other", "catalog-1", "catalog", List.of(KubernetesObjects.port("http", 8080)),
						List.of(KubernetesObjects.ready("other", "catalog-a", "10.0.3.1", null))))
			.create();
		this.watcher = start(List.of("blue", "green"));
		assertThat(this.watcher.current().instances("catalog")).extracting(MeshInstance::instanceId)
			.containsExactly("catalog-a.blue", "catalog-a.green");
	}

	@Test
	void updatesVersionWhenAPodIsRelabelled() {
		client.resource(KubernetesObjects.pod("relabel", "catalog-a", Map.of("version", "v1"))).create();
		client.resource(catalog("relabel", KubernetesObjects.ready("relabel", "catalog-a", "10.0.0.1", null))).create();
		this.watcher = start(List.of("relabel"));
		List<KubernetesEndpoints> heard = new CopyOnWriteArrayList<>();
		this.watcher.addListener(heard::add);
		client.resource(KubernetesObjects.pod("relabel", "catalog-a", Map.of("version", "v5"))).update();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(this.watcher.current().instances("catalog")).extracting(MeshInstance::version)
						.containsExactly("v5"));
		assertThat(heard).isNotEmpty();
		assertThat(heard.get(heard.size() - 1)).isSameAs(this.watcher.current());
	}

	private EndpointSliceWatcher start(List<String> namespaces) {
		EndpointSliceWatcher watcher = new EndpointSliceWatcher(client, new KubernetesDiscoverySettings(namespaces,
				"http", KubernetesDiscoverySettings.DEFAULT_VERSION_LABELS, "v1"));
		watcher.start();
		assertThat(watcher.awaitSynced(Duration.ofSeconds(10))).isTrue();
		return watcher;
	}

	private static EndpointSlice catalog(String namespace,
			io.fabric8.kubernetes.api.model.discovery.v1.Endpoint... endpoints) {
		return KubernetesObjects.slice(namespace, "catalog-x1", "catalog",
				List.of(KubernetesObjects.port("http", 8080)), List.of(endpoints));
	}

}
