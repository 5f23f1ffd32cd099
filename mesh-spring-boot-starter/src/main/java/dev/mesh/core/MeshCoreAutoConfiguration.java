package dev.mesh.core;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of this workload's identity in the mesh and of the policy it runs
 * with.
 */
@AutoConfiguration
@EnableConfigurationProperties(MeshProperties.class)
public final class MeshCoreAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MeshWorkload meshWorkload(MeshProperties properties, Environment environment) {
		return MeshWorkload.resolve(properties, environment.getProperty("spring.application.name"));
	}

	@Bean
	@ConditionalOnMissingBean
	MeshInstanceId meshInstanceId(MeshWorkload workload) {
		return MeshInstanceId.generate(workload.service());
	}

	@Bean
	@ConditionalOnMissingBean
	MeshPolicyState meshPolicyState(ConfigurableEnvironment environment) {
		return new MeshPolicyState(environment);
	}

}
