package dev.mesh.sync;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import dev.mesh.test.TestApplication;

/**
 * The test application with a user's own {@code @ConfigurationProperties} bean bound to a
 * policy key, started against a control service with its policy cache in a given
 * directory.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SyncTestApplication.CatalogCalls.class)
class SyncTestApplication {

	static final String SERVICE = "tester";

	static final String CATALOG_TIMEOUT = "mesh.outbound.destinations[catalog].timeout";

	static ConfigurableApplicationContext run(URI control, Path cacheDirectory, String... properties) {
		return new SpringApplicationBuilder(TestApplication.class, SyncTestApplication.class)
			.properties("spring.application.name=" + SERVICE, "server.port=0", "server.address=127.0.0.1",
					"mesh.control.url=" + control, "mesh.control.initial-backoff=20ms",
					"mesh.control.max-backoff=100ms", "mesh.discovery.initial-sync-timeout=0s",
					"mesh.discovery.drain-delay=0s", "mesh.sync.cache-directory=" + cacheDirectory)
			.properties(properties)
			.run();
	}

	/**
	 * A user's bean bound to the same keys as the policy of calls to {@code catalog}.
	 */
	@ConfigurationProperties("mesh.outbound.destinations.catalog")
	static class CatalogCalls {

		private Duration timeout;

		Duration getTimeout() {
			return this.timeout;
		}

		void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

}
