package dev.mesh.control.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;

import dev.mesh.kubernetes.test.KubernetesObjects;
import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.policy.registry.RegistryApi;
import dev.mesh.policy.registry.RegistrySnapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@EnableKubernetesMockClient(crud = true)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "mesh.registry.ttl=300ms", "mesh.registry.eviction-interval=50ms",
				"mesh.registry.kubernetes.enabled=true", "mesh.registry.kubernetes.namespaces=shop" })
class KubernetesRegistryIntegrationTests {

	static KubernetesClient client;

	@LocalServerPort
	private int port;

	@Autowired
	private KubernetesRegistryFeed feed;

	@Test
	void pushesEndpointSliceChangesToWatchSubscribers() {
		List<RegistrySnapshot> received = new CopyOnWriteArrayList<>();
		Disposable watch = WebClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri(RegistryApi.WATCH)
			.header("Authorization", WatchIntegrationTests.WORKLOAD)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.retrieve()
			.bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<RegistrySnapshot>>() {
			})
			.filter((event) -> event.data() != null)
			.subscribe((event) -> received.add(event.data()));
		try {
			client.resource(KubernetesObjects.pod("shop", "catalog-a", Map.of("version", "v2"))).create();
			client.resource(catalog(KubernetesObjects.ready("shop", "catalog-a", "10.0.0.1", "zone-a"))).create();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(latest(received).instances("catalog")).singleElement()
					.satisfies((instance) -> {
						assertThat(instance.instanceId()).isEqualTo("catalog-a.shop");
						assertThat(instance.version()).isEqualTo("v2");
						assertThat(instance.zone()).isEqualTo("zone-a");
						assertThat(instance.metadata()).containsEntry("mesh.source", "kubernetes");
					}));

			// Scaled out, then one endpoint not ready
			client
				.resource(catalog(KubernetesObjects.ready("shop", "catalog-a", "10.0.0.1", "zone-a"),
						KubernetesObjects.ready("shop", "catalog-b", "10.0.0.2", "zone-b")))
				.update();
			await().atMost(Duration.ofSeconds(10)).until(() -> latest(received).instances("catalog").size() == 2);
			client.resource(catalog(
					KubernetesObjects.endpoint("shop", "catalog-a", "10.0.0.1", "zone-a",
							new EndpointConditions(false, false, false)),
					KubernetesObjects.ready("shop", "catalog-b", "10.0.0.2", "zone-b")))
				.update();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(
						() -> assertThat(latest(received).instances("catalog")).extracting(MeshInstance::instanceId)
							.containsExactly("catalog-b.shop"));

			// No lease: outlives many TTLs
			await().during(Duration.ofMillis(900))
				.atMost(Duration.ofSeconds(3))
				.until(() -> latest(received).instances("catalog").size() == 1);

			client.resource(catalog()).delete();
			await().atMost(Duration.ofSeconds(10)).until(() -> latest(received).instances("catalog").isEmpty());
			assertThat(this.feed.status().state().name()).isEqualTo("CONNECTED");
		}
		finally {
			watch.dispose();
		}
	}

	private static RegistrySnapshot latest(List<RegistrySnapshot> received) {
		return received.isEmpty() ? RegistrySnapshot.EMPTY : received.get(received.size() - 1);
	}

	private static EndpointSlice catalog(Endpoint... endpoints) {
		return KubernetesObjects.slice("shop", "catalog-x1", "catalog", List.of(KubernetesObjects.port("http", 8080)),
				List.of(endpoints));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ContextClient {

		// The mock server's client: the context must not close it
		@Bean(destroyMethod = "")
		KubernetesClient kubernetesClient() {
			return client;
		}

	}

}
