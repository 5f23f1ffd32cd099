package dev.mesh.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

import dev.mesh.loadbalancer.MeshSubset;
import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.test.FakeControlService;
import dev.mesh.test.TestApplication;
import dev.mesh.test.TextServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class MeshClientIntegrationTests {

	private FakeControlService control;

	private TextServer one;

	private TextServer two;

	private ConfigurableApplicationContext app;

	@BeforeEach
	void start() throws Exception {
		this.control = FakeControlService.start();
		this.one = TextServer.start("one");
		this.two = TextServer.start("two");
		this.control.put(instance("pricing-1", "v1", this.one.port()));
		this.control.put(instance("pricing-2", "v2", this.two.port()));
		this.app = new SpringApplicationBuilder(TestApplication.class)
			.properties("spring.application.name=tester", "server.port=0", "server.address=127.0.0.1",
					"mesh.control.url=" + this.control.url(), "mesh.discovery.drain-delay=0s")
			.run();
	}

	@AfterEach
	void stop() {
		this.app.close();
		this.control.close();
		this.one.close();
		this.two.close();
	}

	@Test
	void restClientResolvesServiceNamesRoundRobin() {
		RestClient client = this.app.getBean(RestClient.Builder.class).build();
		List<String> bodies = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			bodies.add(client.get().uri("http://pricing/prices").retrieve().body(String.class));
		}
		assertThat(bodies).containsExactlyInAnyOrder("one", "one", "two", "two");
	}

	@Test
	void httpInterfaceClientsBuiltOnTheAutoConfiguredBuilderResolveServiceNames() {
		RestClient client = this.app.getBean(RestClient.Builder.class).baseUrl("http://pricing").build();
		Prices prices = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(client))
			.build()
			.createClient(Prices.class);
		List<String> bodies = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			bodies.add(prices.prices());
		}
		assertThat(bodies).containsExactlyInAnyOrder("one", "one", "two", "two");
	}

	@Test
	void restClientHonoursSubsetInRequestAttributes() {
		RestClient client = this.app.getBean(RestClient.Builder.class).build();
		for (int i = 0; i < 4; i++) {
			assertThat(client.get()
				.uri("http://pricing/prices")
				.attribute(MeshSubset.ATTRIBUTE, new MeshSubset(Map.of("version", "v2")))
				.retrieve()
				.body(String.class)).isEqualTo("two");
		}
		assertThatExceptionOfType(NoInstancesAvailableException.class)
			.isThrownBy(() -> client.get()
				.uri("http://pricing/prices")
				.attribute(MeshSubset.ATTRIBUTE, new MeshSubset(Map.of("version", "v3")))
				.retrieve()
				.body(String.class))
			.withMessage("no instances of service pricing matching version=v3");
	}

	@Test
	void webClientHonoursSubsetInRequestAttributes() {
		WebClient client = this.app.getBean(WebClient.Builder.class).build();
		for (int i = 0; i < 4; i++) {
			assertThat(client.get()
				.uri("http://pricing/prices")
				.attribute(MeshSubset.ATTRIBUTE, new MeshSubset(Map.of("version", "v1")))
				.retrieve()
				.bodyToMono(String.class)
				.block()).isEqualTo("one");
		}
	}

	@Test
	void webClientResolvesServiceNames() {
		WebClient client = this.app.getBean(WebClient.Builder.class).build();
		String body = client.get().uri("http://pricing/prices").retrieve().bodyToMono(String.class).block();
		assertThat(body).isIn("one", "two");
	}

	@Test
	void leavesHostsThatAreNotMeshServicesAlone() {
		RestClient client = this.app.getBean(RestClient.Builder.class).build();
		assertThat(client.get().uri("http://127.0.0.1:" + this.one.port()).retrieve().body(String.class))
			.isEqualTo("one");
		assertThat(client.get().uri("http://localhost:" + this.two.port()).retrieve().body(String.class))
			.isEqualTo("two");
	}

	@Test
	void failsFastNamingAnUnknownService() {
		RestClient client = this.app.getBean(RestClient.Builder.class).build();
		assertThatExceptionOfType(NoInstancesAvailableException.class)
			.isThrownBy(() -> client.get().uri("http://nowhere/items").retrieve().body(String.class))
			.withMessage("no instances of service nowhere");
	}

	@Test
	void answersCallToUnknownServiceWith503NamingIt() {
		int port = ((WebServerApplicationContext) this.app).getWebServer().getPort();
		RestClient client = RestClient.create();
		var response = client.get()
			.uri("http://127.0.0.1:" + port + "/call?url=http://nowhere/items")
			.retrieve()
			.onStatus((status) -> true, (request, reply) -> {
			})
			.toEntity(String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(response.getBody()).contains("no instances of service nowhere").doesNotContain("Exception");
	}

	@Test
	void registersItselfWithTheBoundPortAndLeavesOnShutdown() {
		int port = ((WebServerApplicationContext) this.app).getWebServer().getPort();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.control.instances()
				.values()
				.stream()
				.anyMatch((instance) -> instance.service().equals("tester") && instance.port() == port));
		this.app.close();
		assertThat(this.control.instances().values()).noneMatch((instance) -> instance.service().equals("tester"));
		assertThat(this.control.log()).anyMatch((line) -> line.startsWith("DELETE /v1/registry/instances/tester-"));
	}

	@Test
	void discoveryClientFollowsPushedChangesWithinASecond() {
		DiscoveryClient discovery = this.app.getBean(DiscoveryClient.class);
		assertThat(discovery.getInstances("pricing")).extracting(ServiceInstance::getInstanceId)
			.containsExactly("pricing-1", "pricing-2");
		this.control.remove("pricing-2");
		await().atMost(Duration.ofSeconds(1))
			.untilAsserted(
					() -> assertThat(discovery.getInstances("pricing")).extracting(ServiceInstance::getInstanceId)
						.containsExactly("pricing-1"));
		RestClient client = this.app.getBean(RestClient.Builder.class).build();
		for (int i = 0; i < 4; i++) {
			assertThat(client.get().uri("http://pricing/").retrieve().body(String.class)).isEqualTo("one");
		}
	}

	private static MeshInstance instance(String id, String version, int port) {
		return new MeshInstance(id, "pricing", "127.0.0.1", port, version, "default", Map.of());
	}

	interface Prices {

		@GetExchange("/prices")
		String prices();

	}

}
