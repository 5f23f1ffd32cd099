package dev.mesh.control.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class PolicyApiConcurrencyIntegrationTests {

	private static final int WRITERS = 8;

	@LocalServerPort
	private int port;

	@Test
	void ofConcurrentWritersBasedOnTheSameVersionExactlyOneWins() throws Exception {
		WebTestClient client = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader("Authorization", "Bearer " + PolicyApiIntegrationTests.TOKEN)
			.build();
		String yaml = PolicyApiIntegrationTests.CATALOG.replace("name: catalog", "name: contested");
		long version = client.post()
			.uri("/v1/policies")
			.contentType(MediaType.parseMediaType("application/yaml"))
			.bodyValue(yaml)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(PolicyView.class)
			.returnResult()
			.getResponseBody()
			.resourceVersion();
		ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
		try {
			for (int round = 0; round < 3; round++) {
				CountDownLatch start = new CountDownLatch(1);
				List<Future<Integer>> results = new ArrayList<>();
				for (int writer = 0; writer < WRITERS; writer++) {
					String body = yaml.replace("2s", (writer + 1) + "s");
					long expected = version;
					Callable<Integer> write = () -> {
						start.await();
						return client.put()
							.uri("/v1/policies/ServicePolicy/shop/contested")
							.header("If-Match", String.valueOf(expected))
							.contentType(MediaType.parseMediaType("application/yaml"))
							.bodyValue(body)
							.exchange()
							.returnResult(String.class)
							.getStatus()
							.value();
					};
					results.add(pool.submit(write));
				}
				start.countDown();
				List<Integer> statuses = new ArrayList<>();
				for (Future<Integer> result : results) {
					statuses.add(result.get());
				}
				assertThat(statuses).filteredOn((status) -> status == 200).hasSize(1);
				assertThat(statuses).filteredOn((status) -> status == 409).hasSize(WRITERS - 1);
				version = client.get()
					.uri("/v1/policies/ServicePolicy/shop/contested")
					.exchange()
					.expectBody(PolicyView.class)
					.returnResult()
					.getResponseBody()
					.resourceVersion();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

}
