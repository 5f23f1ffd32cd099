package dev.mesh.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class MeshWorkloadTests {

	@Test
	void takesServiceNameFromApplicationNameByDefault() {
		MeshWorkload workload = MeshWorkload.resolve(new MeshProperties(), "catalog");
		assertThat(workload.service()).isEqualTo("catalog");
		assertThat(workload.version()).isEqualTo("v1");
		assertThat(workload.zone()).isEqualTo("default");
		assertThat(workload.label()).isEqualTo("catalog@v1");
	}

	@Test
	void meshServiceWinsOverApplicationName() {
		MeshProperties properties = new MeshProperties();
		properties.setService("pricing");
		properties.setVersion("v2");
		assertThat(MeshWorkload.resolve(properties, "catalog").label()).isEqualTo("pricing@v2");
	}

	@Test
	void failsWithoutAnyServiceName() {
		assertThatIllegalStateException().isThrownBy(() -> MeshWorkload.resolve(new MeshProperties(), null))
			.withMessageContaining("mesh.service")
			.withMessageContaining("spring.application.name");
	}

	@Test
	void namesThePropertyToFixWhenAValueIsInvalid() {
		MeshProperties properties = new MeshProperties();
		properties.setVersion("v 2");
		properties.getMetadata().put("team", "x".repeat(300));
		assertThatIllegalStateException().isThrownBy(() -> MeshWorkload.resolve(properties, "catalog"))
			.withMessageContaining("mesh.version")
			.withMessageContaining("mesh.metadata.team");
	}

	@Test
	void blamesApplicationNameWhenItIsTheInvalidServiceName() {
		assertThatIllegalStateException().isThrownBy(() -> MeshWorkload.resolve(new MeshProperties(), "My App"))
			.withMessageContaining("spring.application.name");
	}

}
