package dev.mesh.bench.apps.caller;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * Where the caller sends its one call per request.
 *
 * @param routes base URLs of the backend by route name ({@code GET /hop/{route}}), used
 * in turn: two static URLs when the caller balances itself, a local sidecar's URL, or
 * {@code http://bench-backend} for the mesh to resolve
 * @param path path of the backend's payload
 * @param connectTimeout connect timeout of the backend client
 * @param readTimeout read timeout of the backend client
 */
@ConfigurationProperties("bench.caller")
record CallerProperties(Map<String, List<URI>> routes, @DefaultValue("/payload") String path,
		@DefaultValue("2s") Duration connectTimeout, @DefaultValue("5s") Duration readTimeout) {

	CallerProperties {
		Assert.notEmpty(routes, "'routes' must not be empty: set bench.caller.routes.<name>=<url>[,<url>]");
		routes.forEach((name, urls) -> Assert.notEmpty(urls, () -> "route '" + name + "' has no URL"));
	}

}
