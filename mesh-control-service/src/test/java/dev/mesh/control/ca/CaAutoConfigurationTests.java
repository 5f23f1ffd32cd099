package dev.mesh.control.ca;

import java.nio.file.Path;
import java.time.Duration;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.mesh.control.delivery.DeliveryAutoConfiguration;
import dev.mesh.control.policy.PolicyAutoConfiguration;
import dev.mesh.control.registry.RegistryAutoConfiguration;
import dev.mesh.control.workload.WorkloadAuthentication;

import static org.assertj.core.api.Assertions.assertThat;

class CaAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(RegistryAutoConfiguration.class,
			PolicyAutoConfiguration.class, DeliveryAutoConfiguration.class, CaAutoConfiguration.class,
			CaKubernetesAutoConfiguration.class, CaServingTlsAutoConfiguration.class);

	@TempDir
	Path data;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	@Test
	void runsTheAuthorityWithDefaults() {
		this.contextRunner.withPropertyValues(dataDirectory()).run((context) -> {
			assertThat(context).hasSingleBean(CertificateAuthority.class)
				.hasSingleBean(JoinTokenStore.class)
				.hasSingleBean(CaMetrics.class)
				.hasSingleBean(TrustDomainCheck.class)
				.doesNotHaveBean(TokenReviewAuthenticator.class)
				.doesNotHaveBean(ServingCertificate.class);
			CaProperties properties = context.getBean(CaProperties.class);
			assertThat(properties.getTrustDomain()).isEqualTo("cluster.local");
			assertThat(properties.getWorkloadTtl()).isEqualTo(Duration.ofHours(24));
			assertThat(properties.isServeTls()).isTrue();
			assertThat(this.data.resolve("ca").resolve(GeneratedRoot.FILE)).exists();
		});
	}

	@Test
	void canBeSwitchedOff() {
		this.contextRunner.withPropertyValues(dataDirectory(), "mesh.ca.enabled=false", "mesh.ca.serve-tls=true")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(CertificateAuthority.class)
					.doesNotHaveBean(ServingCertificate.class);
				assertThat(this.data.resolve("ca")).doesNotExist();
			});
	}

	@Test
	void acceptsTheShortestWorkloadLifetime() {
		this.contextRunner.withPropertyValues(dataDirectory(), "mesh.ca.workload-ttl=10s")
			.run((context) -> assertThat(context.getBean(CertificateAuthority.class).workloadTtl())
				.isEqualTo(Duration.ofSeconds(10)));
	}

	@Test
	void failsOnInvalidPropertiesNamingEach() {
		this.contextRunner
			.withPropertyValues(dataDirectory(), "mesh.ca.workload-ttl=9s", "mesh.ca.trust-domain=Cluster.Local",
					"mesh.ca.certificate=ca.crt")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("'workloadTtl'")
					.hasMessageContaining("must be at least 10 seconds")
					.hasMessageContaining("'trustDomain'")
					.hasMessageContaining("'privateKey'")
					.hasMessageContaining("certificate and private-key must be set together");
			});
	}

	@Test
	void failsNamingTheCertificatePropertyWhenTheFileIsMissing() {
		this.contextRunner
			.withPropertyValues(dataDirectory(), "mesh.ca.certificate=" + this.data.resolve("missing.crt"),
					"mesh.ca.private-key=" + this.data.resolve("missing.key"))
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageStartingWith("Invalid mesh.ca.certificate: cannot read certificates from"));
	}

	@Test
	void failsWhenKubernetesIsEnabledWithoutTheFabric8Client() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(KubernetesClient.class))
			.withPropertyValues(dataDirectory(), "mesh.ca.kubernetes.enabled=true")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("mesh.ca.kubernetes.enabled is true, but io.fabric8:kubernetes-client"));
	}

	@Test
	void checksServiceAccountTokensWithTheApplicationsKubernetesClient() {
		this.contextRunner.withUserConfiguration(KubernetesClientConfiguration.class)
			.withPropertyValues(dataDirectory(), "mesh.ca.kubernetes.enabled=true",
					"mesh.ca.kubernetes.audiences=mesh-ca")
			.run((context) -> {
				assertThat(context).hasSingleBean(TokenReviewAuthenticator.class).hasSingleBean(KubernetesClient.class);
				assertThat(context.getBean(KubernetesClient.class)).isSameAs(KubernetesClientConfiguration.client);
			});
	}

	@Test
	void servesTlsByDefaultAskingForWorkloadCertificates() {
		reactiveContextRunner().withPropertyValues(dataDirectory()).run((context) -> {
			assertThat(context).hasSingleBean(ServingCertificate.class)
				.hasSingleBean(ServingTlsCustomizer.class)
				.hasSingleBean(WorkloadCertificateVerifier.class);
			SslStoreBundle stores = context.getBean(SslBundles.class).getBundle(ServingCertificate.BUNDLE).getStores();
			assertThat(stores.getKeyStore().size()).isEqualTo(1);
			assertThat(stores.getTrustStore().getCertificate("mesh-root"))
				.isEqualTo(context.getBean(CertificateAuthority.class).credentials().root());
			assertThat(context.getBean(WorkloadAuthentication.class).requiresIdentity()).isTrue();
		});
	}

	@Test
	void servesPlainHttpWithTheWorkloadTokenWhenTlsIsSwitchedOff() {
		reactiveContextRunner().withPropertyValues(dataDirectory(), "mesh.ca.serve-tls=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ServingCertificate.class)
				.doesNotHaveBean(WorkloadCertificateVerifier.class);
			assertThat(context.getBean(WorkloadAuthentication.class).requiresIdentity()).isFalse();
		});
	}

	@Test
	void failsWhenIdentityIsRequiredWithoutTls() {
		reactiveContextRunner()
			.withPropertyValues(dataDirectory(), "mesh.ca.serve-tls=false", "mesh.registry.require-identity=true")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("mesh.registry.require-identity is true")
				.hasMessageContaining("mesh.ca.serve-tls=true"));
	}

	@Test
	void acceptsTheWorkloadTokenBesideCertificatesWhenIdentityIsNotRequired() {
		reactiveContextRunner().withPropertyValues(dataDirectory(), "mesh.registry.require-identity=false")
			.run((context) -> {
				assertThat(context).hasSingleBean(WorkloadCertificateVerifier.class);
				assertThat(context.getBean(WorkloadAuthentication.class).requiresIdentity()).isFalse();
			});
	}

	private ReactiveWebApplicationContextRunner reactiveContextRunner() {
		return new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
			.withConfiguration(CONFIGURATIONS);
	}

	private String dataDirectory() {
		return "mesh.policy.data-directory=" + this.data;
	}

	@Configuration(proxyBeanMethods = false)
	static class KubernetesClientConfiguration {

		static final KubernetesClient client = new KubernetesClientBuilder()
			.withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build())
			.build();

		@Bean
		KubernetesClient kubernetesClient() {
			return client;
		}

	}

}
