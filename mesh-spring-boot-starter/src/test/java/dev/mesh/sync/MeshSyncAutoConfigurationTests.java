package dev.mesh.sync;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.mesh.core.EventStreamWatcher;
import dev.mesh.core.MeshCoreAutoConfiguration;
import dev.mesh.core.MeshPolicyState;
import dev.mesh.discovery.MeshDiscoveryAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class MeshSyncAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MeshCoreAutoConfiguration.class, MeshDiscoveryAutoConfiguration.class,
				MeshSyncAutoConfiguration.class))
		.withPropertyValues("spring.application.name=catalog", "mesh.control.url=http://127.0.0.1:1",
				"mesh.discovery.initial-sync-timeout=0s", "mesh.sync.initial-sync-timeout=0s");

	@Test
	void watchesPolicyByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(MeshPolicySync.class).hasSingleBean(MeshPolicyState.class);
			assertThat(context.getBean(MeshSyncProperties.class).getCacheDirectory()).isEqualTo(".mesh/cache");
		});
	}

	@Test
	void keepsOnlyThePolicyStateWhenSyncIsSwitchedOff() {
		this.runner.withPropertyValues("mesh.sync.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MeshPolicySync.class)
				.hasSingleBean(MeshPolicyState.class));
	}

	@Test
	void backsOffWithoutAControlService() {
		this.runner.withPropertyValues("mesh.control.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MeshPolicySync.class)
				.hasSingleBean(MeshPolicyState.class));
	}

	@Test
	void backsOffWhenTheUserProvidesTheSync() {
		this.runner.withUserConfiguration(UserSync.class).run((context) -> {
			assertThat(context).hasSingleBean(MeshPolicySync.class);
			assertThat(context.getBean(MeshPolicySync.class)).isSameAs(context.getBean("userSync"));
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserSync {

		@Bean
		MeshPolicySync userSync() {
			return new MeshPolicySync() {

				@Override
				public EventStreamWatcher.Status status() {
					return new EventStreamWatcher.Status(EventStreamWatcher.State.CONNECTED, null, null);
				}

				@Override
				public Rejection lastRejection() {
					return null;
				}

				@Override
				public long appliedCount() {
					return 0;
				}

				@Override
				public long rejectedCount() {
					return 0;
				}

			};
		}

	}

}
