package dev.mesh.sync;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

import dev.mesh.core.AppliedPolicy;
import dev.mesh.core.MeshPolicyPropertySource;
import dev.mesh.policy.delivery.PolicySnapshot;
import dev.mesh.policy.registry.Names;

/**
 * Installs the policy snapshot cached on local disk before any bean binds, so that an
 * application restarted while the control service is down starts with the last policy it
 * applied. Runs after the configuration files are loaded, which may set the service name
 * and the cache directory. A cache that cannot be read or does not bind is ignored.
 */
class PolicyCacheEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * Right after the configuration files are loaded.
	 */
	static final int ORDER = ConfigDataEnvironmentPostProcessor.ORDER + 1;

	private final Log logger;

	PolicyCacheEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(PolicyCacheEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!isEnabled(environment, "mesh.control.enabled") || !isEnabled(environment, "mesh.sync.enabled")
				|| MeshPolicyPropertySource.find(environment) != null) {
			return;
		}
		String service = environment.getProperty("mesh.service");
		if (!StringUtils.hasText(service)) {
			service = environment.getProperty("spring.application.name");
		}
		if (!Names.isServiceName(service)) {
			// Startup fails naming the service name; there is nothing to cache under.
			return;
		}
		String directory = environment.getProperty("mesh.sync.cache-directory",
				MeshSyncProperties.DEFAULT_CACHE_DIRECTORY);
		PolicyCache cache = null;
		try {
			cache = new PolicyCache(Path.of(directory), service);
			PolicySnapshot snapshot = cache.read();
			if (snapshot != null) {
				MeshPolicyPropertySource.install(environment, new MeshPolicyPropertySource(snapshot.properties(),
						snapshot.version(), AppliedPolicy.DISK_CACHE, Instant.now()));
				this.logger.info(
						"Starting with policy version " + snapshot.version() + " from the disk cache " + cache.file());
			}
		}
		catch (IOException | RuntimeException ex) {
			this.logger.warn("Ignoring the cached policy in " + ((cache != null) ? cache.file() : directory) + " ("
					+ PolicyWatcher.oneLine(ex.getMessage()) + "); starting with the application's own policy");
		}
	}

	private static boolean isEnabled(ConfigurableEnvironment environment, String property) {
		return !"false".equalsIgnoreCase(environment.getProperty(property, "true").trim());
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
