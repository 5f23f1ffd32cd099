package dev.mesh.kubernetes;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EndpointSliceOptionsTests {

	@Test
	void defaultsToTheDefaultSettings() {
		assertThat(new EndpointSliceOptions().toSettings()).isEqualTo(KubernetesDiscoverySettings.defaults());
	}

	@Test
	void refusesAnInvalidNamespaceNamingIt() {
		EndpointSliceOptions options = new EndpointSliceOptions();
		options.setNamespaces(List.of("shop", "Not_A_Namespace"));
		assertThatIllegalArgumentException().isThrownBy(options::toSettings)
			.withMessageContaining("'namespaces'")
			.withMessageContaining("Not_A_Namespace");
	}

}
