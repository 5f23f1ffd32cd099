package dev.mesh.mtls;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import dev.mesh.core.MeshCoreAutoConfiguration;
import dev.mesh.discovery.MeshDiscoveryAutoConfiguration;
import dev.mesh.discovery.MeshRegistrationMetadata;
import dev.mesh.policy.spec.MtlsMode;

import static org.assertj.core.api.Assertions.assertThat;

class MeshMtlsAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MeshCoreAutoConfiguration.class, MeshDiscoveryAutoConfiguration.class,
				MeshMtlsAutoConfiguration.class))
		.withPropertyValues("spring.application.name=catalog", "mesh.control.enabled=false");

	@Test
	void withoutAnIdentityRegistersDisabledAndBuildsNoTls() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ServerMtls.class)
				.hasSingleBean(TlsHandshakes.class)
				.hasSingleBean(MeshRegistrationMetadata.class)
				.doesNotHaveBean(MeshTlsContexts.class)
				.doesNotHaveBean(TomcatMtls.class)
				.doesNotHaveBean(OutboundTls.class);
			assertThat(context.getBean(ServerMtls.class).mode()).isEqualTo(MtlsMode.DISABLED);
			assertThat(context.getBean(MeshRegistrationMetadata.class).metadata()).containsEntry("mesh.mtls",
					"DISABLED");
		});
	}

	@Test
	void showsAModeThePolicyAsksForButThatCannotBeServedWithoutAnIdentity() {
		this.runner.withPropertyValues("mesh.security.mtls.mode=STRICT").run((context) -> {
			ServerMtls.Status status = context.getBean(ServerMtls.class).status();
			assertThat(status.mode()).isEqualTo(MtlsMode.DISABLED);
			assertThat(status.requested()).isEqualTo(MtlsMode.STRICT);
			assertThat(status.pending()).contains("mesh.identity.enabled is false");
		});
	}

	@Test
	void decidesOutboundTlsWhenTheMeshHasDestinations() {
		this.runner.withPropertyValues("mesh.discovery.static.services.pricing=http://127.0.0.1:8083")
			.run((context) -> assertThat(context).hasSingleBean(OutboundTls.class)
				.hasBean("meshTlsRequestFactoryBuilderCustomizer")
				.hasBean("meshTlsConnectorBuilderCustomizer"));
	}

	@Test
	void leavesRequestFactoriesAloneWithoutBootsHttpClientSupport() {
		this.runner.withPropertyValues("mesh.discovery.static.services.pricing=http://127.0.0.1:8083")
			.withClassLoader(new FilteredClassLoader(ClientHttpRequestFactoryBuilderCustomizer.class))
			.run((context) -> assertThat(context).hasSingleBean(OutboundTls.class)
				.doesNotHaveBean("meshTlsRequestFactoryBuilderCustomizer"));
	}

}
