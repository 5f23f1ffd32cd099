package dev.mesh.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import dev.mesh.core.AppliedPolicy;
import dev.mesh.core.MeshPolicyPropertySource;
import dev.mesh.policy.delivery.PolicySnapshot;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class PolicyCacheEnvironmentPostProcessorTests {

	@TempDir
	Path directory;

	private final PolicyCacheEnvironmentPostProcessor processor = new PolicyCacheEnvironmentPostProcessor(
			(destination) -> destination.get());

	@Test
	void installsTheCachedSnapshotOfTheService() throws IOException {
		new PolicyCache(this.directory, "catalog")
			.write(new PolicySnapshot(5, Map.of("mesh.outbound.defaults.timeout", "2s")));
		MockEnvironment environment = environment().withProperty("spring.application.name", "catalog");
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		MeshPolicyPropertySource installed = MeshPolicyPropertySource.find(environment);
		assertThat(installed.getVersion()).isEqualTo(5);
		assertThat(installed.getPolicySource()).isEqualTo(AppliedPolicy.DISK_CACHE);
		assertThat(environment.getProperty("mesh.outbound.defaults.timeout")).isEqualTo("2s");
	}

	@Test
	void prefersTheMeshServiceName() throws IOException {
		new PolicyCache(this.directory, "pricing").write(new PolicySnapshot(5, Map.of()));
		MockEnvironment environment = environment().withProperty("spring.application.name", "catalog")
			.withProperty("mesh.service", "pricing");
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(MeshPolicyPropertySource.find(environment)).isNotNull();
	}

	@Test
	void leavesTheCacheAloneWhenSyncIsSwitchedOff() throws IOException {
		new PolicyCache(this.directory, "catalog").write(new PolicySnapshot(5, Map.of()));
		MockEnvironment environment = environment().withProperty("spring.application.name", "catalog")
			.withProperty("mesh.sync.enabled", "false");
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(MeshPolicyPropertySource.find(environment)).isNull();
	}

	@Test
	void ignoresAnUnreadableCacheWithOneWarning(CapturedOutput output) throws IOException {
		Files.writeString(this.directory.resolve("policy-catalog.json"), "not json");
		MockEnvironment environment = environment().withProperty("spring.application.name", "catalog");
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(MeshPolicyPropertySource.find(environment)).isNull();
		assertThat(output.getOut().lines().filter((line) -> line.contains("Ignoring the cached policy"))).hasSize(1);
	}

	private MockEnvironment environment() {
		return new MockEnvironment().withProperty("mesh.sync.cache-directory", this.directory.toString());
	}

}
