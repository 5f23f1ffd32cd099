package dev.mesh.actuate;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.mesh.authz.MeshAuthorization;
import dev.mesh.authz.MeshAuthzAutoConfiguration;
import dev.mesh.core.MeshPolicyState;
import dev.mesh.core.MeshWorkload;
import dev.mesh.discovery.MeshDiscoveryAutoConfiguration;
import dev.mesh.discovery.MeshEndpoints;
import dev.mesh.discovery.MeshRegistration;
import dev.mesh.identity.MeshIdentity;
import dev.mesh.identity.MeshIdentityAutoConfiguration;
import dev.mesh.loadbalancer.MeshLoadBalancer;
import dev.mesh.loadbalancer.MeshLoadBalancerAutoConfiguration;
import dev.mesh.mtls.MeshMtlsAutoConfiguration;
import dev.mesh.mtls.ServerMtls;
import dev.mesh.resilience.MeshResilience;
import dev.mesh.resilience.MeshResilienceAutoConfiguration;
import dev.mesh.sync.MeshPolicySync;
import dev.mesh.sync.MeshSyncAutoConfiguration;

/**
 * Auto-configuration of the {@code mesh} actuator endpoint.
 */
@AutoConfiguration(after = { MeshIdentityAutoConfiguration.class, MeshDiscoveryAutoConfiguration.class,
		MeshSyncAutoConfiguration.class, MeshLoadBalancerAutoConfiguration.class, MeshResilienceAutoConfiguration.class,
		MeshMtlsAutoConfiguration.class, MeshAuthzAutoConfiguration.class })
@ConditionalOnAvailableEndpoint(MeshEndpoint.class)
public final class MeshEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MeshEndpoint meshEndpoint(MeshWorkload workload, ObjectProvider<MeshRegistration> registration,
			ObjectProvider<MeshEndpoints> endpoints, MeshPolicyState policy, ObjectProvider<MeshPolicySync> sync,
			Environment environment, ObjectProvider<MeshLoadBalancer> loadBalancer,
			ObjectProvider<MeshResilience> resilience, ObjectProvider<MeshIdentity> identity,
			ObjectProvider<ServerMtls> mtls, ObjectProvider<MeshAuthorization> authorization,
			ObjectProvider<MeshEndpointSection> sections) {
		return new MeshEndpoint(workload, registration, endpoints, policy, sync, environment, loadBalancer, resilience,
				identity, mtls, authorization, sections);
	}

}
