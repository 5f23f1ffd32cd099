package dev.mesh.actuate;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.mesh.core.MeshWorkload;
import dev.mesh.discovery.MeshDiscoveryAutoConfiguration;
import dev.mesh.discovery.MeshEndpoints;
import dev.mesh.discovery.MeshRegistration;

/**
 * Auto-configuration of the {@code mesh} actuator endpoint.
 */
@AutoConfiguration(after = MeshDiscoveryAutoConfiguration.class)
@ConditionalOnAvailableEndpoint(MeshEndpoint.class)
public final class MeshEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MeshEndpoint meshEndpoint(MeshWorkload workload, ObjectProvider<MeshRegistration> registration,
			ObjectProvider<MeshEndpoints> endpoints) {
		return new MeshEndpoint(workload, registration, endpoints);
	}

}
