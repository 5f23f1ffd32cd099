package dev.mesh.core;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class MeshDefaultsEnvironmentPostProcessorTests {

	private final MeshDefaultsEnvironmentPostProcessor processor = new MeshDefaultsEnvironmentPostProcessor();

	@Test
	void turnsOffTheLoadBalancerCacheByDefault() {
		MockEnvironment environment = new MockEnvironment();
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.cloud.loadbalancer.cache.enabled")).isEqualTo("false");
	}

	@Test
	void letsTheApplicationTurnTheCacheBackOn() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.cloud.loadbalancer.cache.enabled",
				"true");
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.cloud.loadbalancer.cache.enabled")).isEqualTo("true");
	}

}
