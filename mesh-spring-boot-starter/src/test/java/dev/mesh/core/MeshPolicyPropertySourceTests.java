package dev.mesh.core;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class MeshPolicyPropertySourceTests {

	private static final String TIMEOUT = "mesh.outbound.destinations[catalog].timeout";

	private final StandardEnvironment environment = new StandardEnvironment();

	MeshPolicyPropertySourceTests() {
		this.environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource("--other=1"));
		this.environment.getPropertySources()
			.addLast(new MapPropertySource("Config resource 'application.yml'", Map.of(TIMEOUT, "1s")));
	}

	@Test
	void ranksAboveTheApplicationsConfigurationAndBelowOperatorOverrides() {
		MeshPolicyPropertySource.install(this.environment, snapshot(1, "2s"));
		assertThat(this.environment.getPropertySources().stream().map(PropertySource::getName)).containsExactly(
				"commandLineArgs", "systemProperties", "systemEnvironment", MeshPolicyPropertySource.NAME,
				"Config resource 'application.yml'");
		assertThat(this.environment.getProperty(TIMEOUT)).isEqualTo("2s");
	}

	@Test
	void replacesTheInstalledSnapshotInPlace() {
		assertThat(MeshPolicyPropertySource.install(this.environment, snapshot(1, "2s"))).isNull();
		MeshPolicyPropertySource first = MeshPolicyPropertySource.find(this.environment);
		assertThat(MeshPolicyPropertySource.install(this.environment, snapshot(2, "3s"))).isSameAs(first);
		assertThat(this.environment.getPropertySources().stream().map(PropertySource::getName))
			.containsOnlyOnce(MeshPolicyPropertySource.NAME);
		assertThat(MeshPolicyPropertySource.find(this.environment).getVersion()).isEqualTo(2);
		assertThat(this.environment.getProperty(TIMEOUT)).isEqualTo("3s");
	}

	@Test
	void goesFirstWithoutOperatorOverrides() {
		StandardEnvironment bare = new StandardEnvironment();
		bare.getPropertySources().remove("systemProperties");
		bare.getPropertySources().remove("systemEnvironment");
		bare.getPropertySources().addFirst(new MapPropertySource("other", Map.of()));
		MeshPolicyPropertySource.install(bare, snapshot(1, "2s"));
		assertThat(bare.getPropertySources().iterator().next().getName()).isEqualTo(MeshPolicyPropertySource.NAME);
	}

	@Test
	void keepsTheSnapshotWhenItsSourceChanges() {
		MeshPolicyPropertySource cached = new MeshPolicyPropertySource(Map.of(TIMEOUT, "2s"), 4,
				AppliedPolicy.DISK_CACHE, Instant.EPOCH);
		MeshPolicyPropertySource confirmed = cached.withPolicySource(AppliedPolicy.CONTROL_SERVICE);
		assertThat(confirmed.getProperties()).isEqualTo(cached.getProperties());
		assertThat(confirmed.getVersion()).isEqualTo(4);
		assertThat(confirmed.getAppliedAt()).isEqualTo(Instant.EPOCH);
		assertThat(confirmed.getPolicySource()).isEqualTo(AppliedPolicy.CONTROL_SERVICE);
	}

	private static MeshPolicyPropertySource snapshot(long version, String timeout) {
		return new MeshPolicyPropertySource(Map.of(TIMEOUT, timeout), version, AppliedPolicy.CONTROL_SERVICE,
				Instant.now());
	}

}
