package dev.mesh.discovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

import dev.mesh.actuate.DiscoveryDescriptor;
import dev.mesh.actuate.MeshEndpoint;
import dev.mesh.kubernetes.test.KubernetesObjects;
import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.test.TestApplication;
import dev.mesh.test.TextServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@EnableKubernetesMockClient(crud = true)
class KubernetesDiscoveryIntegrationTests {

	static KubernetesClient client;

	@Test
	void followsEndpointSlicesWithoutAControlService() throws Exception {
		try (TextServer one = TextServer.start("one"); TextServer two = TextServer.start("two")) {
			client.resource(KubernetesObjects.pod("shop", "catalog-a", Map.of("version", "v1", "team", "books")))
				.create();
			client.resource(KubernetesObjects.pod("shop", "catalog-b", Map.of("version", "v2"))).create();
			client
				.resource(slice("catalog-1", one.port(),
						KubernetesObjects.ready("shop", "catalog-a", "127.0.0.1", "zone-a")))
				.create();
			try (ConfigurableApplicationContext app = start("shop")) {
				MeshEndpoints endpoints = app.getBean(MeshEndpoints.class);
				DiscoveryClient discovery = app.getBean(DiscoveryClient.class);
				RestClient rest = app.getBean(RestClient.Builder.class).build();
				// fabric8 can report an informer started before its first listing reached
				// the
				// store (seen on a loaded machine): the view then follows within moments
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(endpoints.instances("catalog")).extracting(MeshInstance::instanceId)
						.containsExactly("catalog-a.shop"));
				assertThat(discovery.getInstances("catalog")).singleElement()
					.extracting(ServiceInstance::getMetadata)
					.satisfies((metadata) -> assertThat(metadata).containsEntry("version", "v1")
						.containsEntry("zone", "zone-a")
						.containsEntry("team", "books")
						.containsEntry("mesh.source", "kubernetes"));
				assertThat(rest.get().uri("http://catalog/items").retrieve().body(String.class)).isEqualTo("one");

				// Scale out: a second slice of the Service with its own port
				client
					.resource(slice("catalog-2", two.port(),
							KubernetesObjects.ready("shop", "catalog-b", "127.0.0.1", "zone-b")))
					.create();
				await().atMost(Duration.ofSeconds(10)).until(() -> endpoints.instances("catalog").size() == 2);
				assertThat(bodies(rest, "http://catalog/items", 20)).containsOnly("one", "two").contains("one", "two");

				// Not ready: out of rotation
				client
					.resource(slice("catalog-1", one.port(), KubernetesObjects.endpoint("shop", "catalog-a",
							"127.0.0.1", "zone-a", new EndpointConditions(false, false, false))))
					.update();
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(discovery.getInstances("catalog"))
						.extracting(ServiceInstance::getInstanceId)
						.containsExactly("catalog-b.shop"));
				assertThat(bodies(rest, "http://catalog/items", 6)).containsOnly("two");

				DiscoveryDescriptor described = app.getBean(MeshEndpoint.class).mesh().discovery();
				assertThat(described.sources()).extracting(DiscoveryDescriptor.SourceDescriptor::name)
					.containsExactly("static", "kubernetes");
				assertThat(described.services()).containsEntry("catalog",
						new DiscoveryDescriptor.ServiceDescriptor(1, "kubernetes"));

				client.resource(slice("catalog-1", one.port())).delete();
				client.resource(slice("catalog-2", two.port())).delete();
				await().atMost(Duration.ofSeconds(10)).until(() -> endpoints.instances("catalog").isEmpty());
			}
		}
	}

	@Test
	void staticEntriesOverrideKubernetesForTheirService() throws Exception {
		try (TextServer kubernetes = TextServer.start("kubernetes"); TextServer fixed = TextServer.start("static")) {
			client.resource(KubernetesObjects.slice("books", "pricing-1", "pricing",
					List.of(KubernetesObjects.port("http", kubernetes.port())),
					List.of(KubernetesObjects.ready("books", "pricing-a", "127.0.0.1", null))))
				.create();
			try (ConfigurableApplicationContext app = start("books",
					"mesh.discovery.static.services.pricing=http://127.0.0.1:" + fixed.port())) {
				RestClient rest = app.getBean(RestClient.Builder.class).build();
				assertThat(bodies(rest, "http://pricing/prices", 3)).containsOnly("static");
				assertThat(app.getBean(MeshEndpoints.class).sources().get(1).snapshot().instances("pricing"))
					.hasSize(1);
			}
		}
	}

	@Test
	void answersFirstBesideSpringCloudKubernetesDiscovery() {
		client.resource(
				KubernetesObjects.slice("both", "catalog-1", "catalog", List.of(KubernetesObjects.port("http", 8080)),
						List.of(KubernetesObjects.ready("both", "catalog-a", "127.0.0.1", null))))
			.create();
		try (ConfigurableApplicationContext app = start("both", "spring.main.cloud-platform=kubernetes",
				"spring.cloud.kubernetes.client.namespace=both", "spring.cloud.kubernetes.discovery.namespaces=both")) {
			DiscoveryClient discovery = app.getBean(DiscoveryClient.class);
			assertThat(discovery).isInstanceOf(CompositeDiscoveryClient.class);
			List<DiscoveryClient> clients = ((CompositeDiscoveryClient) discovery).getDiscoveryClients();
			assertThat(clients).hasSizeGreaterThanOrEqualTo(2);
			assertThat(clients.get(0)).isInstanceOf(MeshDiscoveryClient.class);
			assertThat(clients).anyMatch((candidate) -> candidate.getClass().getName().contains("Fabric8"));
			assertThat(discovery.getInstances("catalog")).singleElement().isInstanceOf(MeshServiceInstance.class);
		}
	}

	private static ConfigurableApplicationContext start(String namespace, String... properties) {
		return new SpringApplicationBuilder(TestApplication.class, ContextClient.class)
			.properties("spring.application.name=tester", "server.port=0", "server.address=127.0.0.1",
					"mesh.control.enabled=false", "mesh.discovery.kubernetes.enabled=true",
					"mesh.discovery.kubernetes.namespaces=" + namespace, "mesh.discovery.initial-sync-timeout=10s",
					"management.endpoints.web.exposure.include=mesh")
			.properties(properties)
			.run();
	}

	private static List<String> bodies(RestClient rest, String url, int calls) {
		List<String> bodies = new ArrayList<>();
		for (int i = 0; i < calls; i++) {
			bodies.add(rest.get().uri(url).retrieve().body(String.class));
		}
		return bodies;
	}

	private static EndpointSlice slice(String name, int port, Endpoint... endpoints) {
		return KubernetesObjects.slice("shop", name, "catalog", List.of(KubernetesObjects.port("http", port)),
				List.of(endpoints));
	}

	@Configuration(proxyBeanMethods = false)
	static class ContextClient {

		// The mock server's client, shared by the tests: the context must not close it
		@Bean(destroyMethod = "")
		KubernetesClient kubernetesClient() {
			return client;
		}

	}

}
