package dev.mesh.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

import dev.mesh.loadbalancer.MeshSubset;
import dev.mesh.test.TextServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Calls through the auto-configured clients. The tests only call through the application,
 * so they share it; {@link MeshMembershipIntegrationTests} change the mesh or stop
 * theirs.
 */
class MeshClientIntegrationTests {

	private static PricingMesh mesh;

	private static TextServer one;

	private static TextServer two;

	private static ConfigurableApplicationContext app;

	@BeforeAll
	static void start() throws Exception {
		mesh = PricingMesh.start();
		one = mesh.one();
		two = mesh.two();
		app = mesh.app();
	}

	@AfterAll
	static void stop() {
		mesh.close();
	}

	@Test
	void restClientResolvesServiceNamesRoundRobin() {
		RestClient client = app.getBean(RestClient.Builder.class).build();
		List<String> bodies = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			bodies.add(client.get().uri("http://pricing/prices").retrieve().body(String.class));
		}
		assertThat(bodies).containsExactlyInAnyOrder("one", "one", "two", "two");
	}

	@Test
	void httpInterfaceClientsBuiltOnTheAutoConfiguredBuilderResolveServiceNames() {
		RestClient client = app.getBean(RestClient.Builder.class).baseUrl("http://pricing").build();
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
		RestClient client = app.getBean(RestClient.Builder.class).build();
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
		WebClient client = app.getBean(WebClient.Builder.class).build();
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
		WebClient client = app.getBean(WebClient.Builder.class).build();
		String body = client.get().uri("http://pricing/prices").retrieve().bodyToMono(String.class).block();
		assertThat(body).isIn("one", "two");
	}

	@Test
	void leavesHostsThatAreNotMeshServicesAlone() {
		RestClient client = app.getBean(RestClient.Builder.class).build();
		assertThat(client.get().uri("http://127.0.0.1:" + one.port()).retrieve().body(String.class)).isEqualTo("one");
		assertThat(client.get().uri("http://localhost:" + two.port()).retrieve().body(String.class)).isEqualTo("two");
	}

	@Test
	void failsFastNamingAnUnknownService() {
		RestClient client = app.getBean(RestClient.Builder.class).build();
		assertThatExceptionOfType(NoInstancesAvailableException.class)
			.isThrownBy(() -> client.get().uri("http://nowhere/items").retrieve().body(String.class))
			.withMessage("no instances of service nowhere");
	}

	@Test
	void answersCallToUnknownServiceWith503NamingIt() {
		int port = ((WebServerApplicationContext) app).getWebServer().getPort();
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

	interface Prices {

		@GetExchange("/prices")
		String prices();

	}

}
