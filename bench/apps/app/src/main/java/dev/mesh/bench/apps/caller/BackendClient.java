package dev.mesh.bench.apps.caller;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Calls the backend with a {@link RestClient} built from the auto-configured builder
 * (which the starter, when present, customizes), taking the base URLs of a route in turn.
 * Its request factory comes from the auto-configured request factory builder, which
 * {@link JdkHttp11Configuration} makes the JDK HTTP/1.1 client's in every build and which
 * the starter, with a workload identity, wraps to call mesh instances with mutual TLS:
 * every build and every route uses the same JDK HTTP/1.1 client with keep-alive, so that
 * the client is never the difference between two paths. A route that a {@link CallGuard}
 * guards makes its call through it.
 */
@Component
class BackendClient {

	private final RestClient client;

	private final Map<String, Route> routes = new HashMap<>();

	BackendClient(RestClient.Builder builder, ClientHttpRequestFactoryBuilder<?> requestFactories,
			CallerProperties properties, ObjectProvider<CallGuard> guards) {
		HttpClientSettings settings = HttpClientSettings.defaults()
			.withTimeouts(properties.connectTimeout(), properties.readTimeout());
		this.client = builder.requestFactory(requestFactories.build(settings)).build();
		properties.routes()
			.forEach((name,
					bases) -> this.routes.put(name, new Route(name,
							bases.stream().map((base) -> base.resolve(properties.path())).toArray(URI[]::new),
							guards.orderedStream().filter((guard) -> guard.guards(name)).findFirst().orElse(null))));
	}

	/**
	 * Call the backend once through a route.
	 * @param route the route name
	 * @return the backend's body, or {@code null} for an unknown route
	 */
	byte[] fetch(String route) {
		Route targets = this.routes.get(route);
		if (targets == null) {
			return null;
		}
		URI target = targets.next();
		if (targets.guard == null) {
			return call(target);
		}
		return targets.guard.call(targets.name, () -> call(target));
	}

	private byte[] call(URI target) {
		return this.client.get().uri(target).retrieve().body(byte[].class);
	}

	private static final class Route {

		private final String name;

		private final URI[] targets;

		private final CallGuard guard;

		private final AtomicInteger next = new AtomicInteger();

		Route(String name, URI[] targets, CallGuard guard) {
			this.name = name;
			this.targets = targets;
			this.guard = guard;
		}

		URI next() {
			return this.targets[Math.floorMod(this.next.getAndIncrement(), this.targets.length)];
		}

	}

}
