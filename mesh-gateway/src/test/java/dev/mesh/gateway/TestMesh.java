package dev.mesh.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import org.apache.commons.logging.LogFactory;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;

import dev.mesh.core.AppliedPolicy;
import dev.mesh.core.MeshPolicyPropertySource;
import dev.mesh.policy.document.WorkloadSnapshots;

/**
 * The mesh behind the gateway in integration tests: loopback backends for catalog v1, v2
 * and v3 and storefront v1, found through static discovery, the subsets of catalog, and
 * policy pushed as the control service would push it.
 */
final class TestMesh {

	private static final AtomicLong versions = new AtomicLong();

	private static Backends backends;

	private TestMesh() {
	}

	static synchronized Backends backends() {
		if (backends == null) {
			try {
				backends = new Backends(Backend.start("catalog@v1"), Backend.start("catalog@v2"),
						Backend.start("catalog@v3"), Backend.start("storefront@v1"));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return backends;
	}

	static synchronized void close() {
		if (backends != null) {
			backends.catalogV1().close();
			backends.catalogV2().close();
			backends.catalogV3().close();
			backends.storefront().close();
			backends = null;
		}
	}

	/**
	 * Push a policy snapshot to the gateway as the policy watch does: checked as the
	 * watch checks it, installed whole, then announced by an environment change.
	 * @param context the gateway
	 * @param properties the snapshot's {@code mesh.*} properties
	 */
	static void push(ConfigurableApplicationContext context, Map<String, String> properties) {
		WorkloadSnapshots.bindStrictly(properties);
		MeshPolicyPropertySource previous = MeshPolicyPropertySource.install(context.getEnvironment(),
				new MeshPolicyPropertySource(properties, versions.incrementAndGet(), AppliedPolicy.CONTROL_SERVICE,
						Instant.now()));
		Set<String> keys = new HashSet<>(properties.keySet());
		if (previous != null) {
			keys.addAll(previous.getProperties().keySet());
		}
		context.publishEvent(new EnvironmentChangeEvent(context, keys));
	}

	static HttpResponse<String> get(HttpClient http, int port, String path, String... headers) {
		return send(http, port, "GET", path, headers);
	}

	static HttpResponse<String> send(HttpClient http, int port, String method, String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(20));
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			return http.send(request.build(), BodyHandlers.ofString());
		}
		catch (HttpTimeoutException ex) {
			// An unanswered request has happened now and then in this module: keep the
			// threads of the moment for whoever looks at the failure
			logThreads(method + " " + path);
			throw new UncheckedIOException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void logThreads(String request) {
		StringBuilder dump = new StringBuilder("No answer to ").append(request).append(" in time; threads:");
		Thread.getAllStackTraces().forEach((thread, stack) -> {
			dump.append("\n\"").append(thread.getName()).append("\" ").append(thread.getState());
			for (StackTraceElement element : stack) {
				dump.append("\n\tat ").append(element);
			}
		});
		LogFactory.getLog(TestMesh.class).warn(dump);
	}

	/**
	 * Send requests from a few threads at once, in order of their index.
	 * @param count how many
	 * @param request sends request {@code i}
	 * @return the responses, by index
	 */
	static List<HttpResponse<String>> parallel(int count, IntFunction<HttpResponse<String>> request) {
		ExecutorService clients = Executors.newFixedThreadPool(8);
		try {
			List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int index = i;
				calls.add(() -> request.apply(index));
			}
			List<HttpResponse<String>> responses = new ArrayList<>();
			for (Future<HttpResponse<String>> response : clients.invokeAll(calls)) {
				responses.add(response.get());
			}
			return responses;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
		finally {
			clients.shutdownNow();
		}
	}

	/**
	 * The backends.
	 *
	 * @param catalogV1 catalog, version v1
	 * @param catalogV2 catalog, version v2
	 * @param catalogV3 catalog, version v3 (the shadow of mirroring tests)
	 * @param storefront storefront, version v1
	 */
	record Backends(Backend catalogV1, Backend catalogV2, Backend catalogV3, Backend storefront) {

		void reset() {
			this.catalogV1.reset();
			this.catalogV2.reset();
			this.catalogV3.reset();
			this.storefront.reset();
		}

	}

	/**
	 * Puts the test mesh into the gateway's configuration before it starts.
	 */
	static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			Backends mesh = backends();
			Map<String, Object> properties = new LinkedHashMap<>();
			instance(properties, "catalog", 0, mesh.catalogV1(), "v1");
			instance(properties, "catalog", 1, mesh.catalogV2(), "v2");
			instance(properties, "catalog", 2, mesh.catalogV3(), "v3");
			instance(properties, "storefront", 0, mesh.storefront(), "v1");
			for (String version : new String[] { "v1", "v2", "v3" }) {
				properties.put("mesh.outbound.destinations.catalog.subsets." + version + ".labels.version", version);
			}
			properties.put("mesh.outbound.destinations.catalog.cohort.enabled", "true");
			context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testMesh", properties));
			context.addApplicationListener((event) -> {
				if (event instanceof ContextClosedEvent) {
					close();
				}
			});
		}

		private static void instance(Map<String, Object> properties, String service, int index, Backend backend,
				String version) {
			String prefix = "mesh.discovery.static.services." + service + "[" + index + "].";
			properties.put(prefix + "url", backend.url());
			properties.put(prefix + "version", version);
		}

	}

}
