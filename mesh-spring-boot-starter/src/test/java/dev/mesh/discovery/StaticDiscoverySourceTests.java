package dev.mesh.discovery;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.mock.env.MockEnvironment;

import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.policy.registry.RegistrySnapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class StaticDiscoverySourceTests {

	private final MockEnvironment environment = new MockEnvironment();

	@Test
	void bindsShortAndLongFormsWithoutResolvingPlaceholders() {
		this.environment.setProperty("mesh.discovery.static.services.pricing", "http://10.0.0.1:80,http://10.0.0.2:80");
		this.environment.setProperty("mesh.discovery.static.services.catalog[0].url", "http://10.0.1.1:8080");
		this.environment.setProperty("mesh.discovery.static.services.catalog[0].version", "v2");
		this.environment.setProperty("mesh.discovery.static.services.catalog[0].metadata.note", "${not.resolved}");
		this.environment.setProperty("not.resolved", "resolved");
		StaticDiscoverySource source = new StaticDiscoverySource(this.environment);
		assertThat(source.snapshot().instances("pricing")).extracting(MeshInstance::address)
			.containsExactly("10.0.0.1", "10.0.0.2");
		assertThat(source.snapshot().instances("catalog")).singleElement().satisfies((instance) -> {
			assertThat(instance.version()).isEqualTo("v2");
			assertThat(instance.metadata()).containsEntry("note", "${not.resolved}");
		});
		assertThat(source.status().state()).isEqualTo(MeshEndpoints.WatchStatus.State.CONNECTED);
	}

	@Test
	void failsNamingTheInvalidProperty() {
		this.environment.setProperty("mesh.discovery.static.services.pricing[0].url", "pricing:80");
		assertThatIllegalStateException().isThrownBy(() -> new StaticDiscoverySource(this.environment))
			.withMessageContaining("mesh.discovery.static.services.pricing[0].url must be an http or https URL");
	}

	@Test
	void appliesAValidChangeLiveAndKeepsTheLastValidEntriesOnAnInvalidOne() {
		this.environment.setProperty("mesh.discovery.static.services.pricing", "http://10.0.0.1:80");
		StaticDiscoverySource source = new StaticDiscoverySource(this.environment);
		List<RegistrySnapshot> heard = new CopyOnWriteArrayList<>();
		source.addListener(heard::add);
		this.environment.setProperty("mesh.discovery.static.services.pricing", "http://10.0.0.1:80,http://10.0.0.2:80");
		source.onApplicationEvent(new EnvironmentChangeEvent(Set.of("mesh.discovery.static.services.pricing")));
		assertThat(source.snapshot().instances("pricing")).hasSize(2);
		assertThat(heard).hasSize(1);

		this.environment.setProperty("mesh.discovery.static.services.pricing", "gopher://10.0.0.3:70");
		source.onApplicationEvent(new EnvironmentChangeEvent(Set.of("mesh.discovery.static.services.pricing")));
		assertThat(source.snapshot().instances("pricing")).hasSize(2);
		assertThat(source.status().lastError()).contains("mesh.discovery.static.services.pricing[0].url");
		assertThat(heard).hasSize(1);

		this.environment.setProperty("mesh.discovery.static.services.pricing", "http://10.0.0.3:80");
		source.onApplicationEvent(new EnvironmentChangeEvent(Set.of("mesh.discovery.static.services.pricing")));
		assertThat(source.snapshot().instances("pricing")).extracting(MeshInstance::address)
			.containsExactly("10.0.0.3");
		assertThat(source.status().lastError()).isNull();
		assertThat(heard).hasSize(2);
	}

}
