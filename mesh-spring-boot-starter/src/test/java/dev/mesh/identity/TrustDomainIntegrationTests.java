package dev.mesh.identity;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mesh.policy.identity.SpiffeId;
import dev.mesh.test.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

class TrustDomainIntegrationTests {

	@Test
	void theIdentityTakesTheMeshsTrustDomainWhenItNamesNone() throws Exception {
		SpiffeId shop = new SpiffeId("shop.example", "default", "catalog");
		try (TestCertificateAuthority ca = TestCertificateAuthority.start(shop);
				ConfigurableApplicationContext app = app(ca)) {
			assertThat(app.getBean(MeshIdentity.class).spiffeId()).isEqualTo(shop);
		}
	}

	private static ConfigurableApplicationContext app(TestCertificateAuthority ca) {
		return new SpringApplicationBuilder(TestApplication.class)
			.properties("spring.application.name=catalog", "spring.main.web-application-type=none",
					"mesh.control.enabled=false", "mesh.control.url=" + ca.url(), "mesh.identity.enabled=true",
					"mesh.identity.join-token=" + TestCertificateAuthority.JOIN_TOKEN,
					"mesh.security.trust-domain=shop.example")
			.run();
	}

}
