package dev.mesh.identity;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mesh.policy.identity.SpiffeId;
import dev.mesh.test.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

class TrustDomainIntegrationTests {

	@Test
	void theIdentityTakesTheMeshsTrustDomainUnlessItNamesOne() throws Exception {
		SpiffeId shop = new SpiffeId("shop.example", "default", "catalog");
		try (TestCertificateAuthority ca = TestCertificateAuthority.start(shop)) {
			ca.entitle("join.cluster.secret", new SpiffeId("cluster.example", "default", "catalog"));
			try (ConfigurableApplicationContext app = app(ca, TestCertificateAuthority.JOIN_TOKEN)) {
				assertThat(app.getBean(MeshIdentity.class).spiffeId()).isEqualTo(shop);
			}
			try (ConfigurableApplicationContext app = app(ca, "join.cluster.secret",
					"mesh.identity.trust-domain=cluster.example")) {
				assertThat(app.getBean(MeshIdentity.class).spiffeId().trustDomain()).isEqualTo("cluster.example");
			}
		}
	}

	private static ConfigurableApplicationContext app(TestCertificateAuthority ca, String token, String... properties) {
		return new SpringApplicationBuilder(TestApplication.class)
			.properties("spring.application.name=catalog", "spring.main.web-application-type=none",
					"mesh.control.enabled=false", "mesh.control.url=" + ca.url(), "mesh.identity.enabled=true",
					"mesh.identity.join-token=" + token, "mesh.security.trust-domain=shop.example")
			.properties(properties)
			.run();
	}

}
