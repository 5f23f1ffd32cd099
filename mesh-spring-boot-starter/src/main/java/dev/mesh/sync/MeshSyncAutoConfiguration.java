package dev.mesh.sync;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

import dev.mesh.core.Backoff;
import dev.mesh.core.MeshCoreAutoConfiguration;
import dev.mesh.core.MeshInstanceId;
import dev.mesh.core.MeshPolicyState;
import dev.mesh.core.MeshProperties;
import dev.mesh.core.MeshWorkload;
import dev.mesh.discovery.ControlPlaneClient;
import dev.mesh.discovery.MeshDiscoveryAutoConfiguration;
import dev.mesh.discovery.MeshDiscoveryProperties;

/**
 * Auto-configuration of policy delivery from the control service.
 */
@AutoConfiguration(after = { MeshCoreAutoConfiguration.class, MeshDiscoveryAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "mesh.control.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "mesh.sync.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MeshSyncProperties.class)
public final class MeshSyncAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(MeshPolicySync.class)
	PolicyWatcher meshPolicyWatcher(ControlPlaneClient client, MeshWorkload workload, MeshInstanceId instanceId,
			ApplicationContext context, ConfigurableEnvironment environment, MeshPolicyState state,
			MeshProperties properties, MeshDiscoveryProperties discovery, MeshSyncProperties sync) {
		MeshProperties.Control control = properties.getControl();
		// One control service keeps both streams alive at the same cadence.
		return new PolicyWatcher(client, workload.service(), instanceId, context, environment, state,
				new Backoff(control.getInitialBackoff(), control.getMaxBackoff()), discovery.getWatchIdleTimeout(),
				sync);
	}

}
