package dev.mesh.identity;

import java.time.Clock;

import javax.net.ssl.X509ExtendedKeyManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mesh.core.MeshProperties;
import dev.mesh.policy.identity.SpiffeId;

import static org.assertj.core.api.Assertions.assertThat;

class CurrentKeyManagerTests {

	private static final SpiffeId ID = new SpiffeId("cluster.local", "shop", "catalog");

	private TestCertificateAuthority ca;

	@BeforeEach
	void startAuthority() throws Exception {
		this.ca = TestCertificateAuthority.start(ID);
	}

	@AfterEach
	void stopAuthority() {
		this.ca.close();
	}

	@Test
	void presentsTheCurrentCertificateAndStillFindsTheKeyOfTheOneBefore() throws Exception {
		MeshIdentity identity = identity();
		X509ExtendedKeyManager keys = identity.keyManager();
		assertThat(keys.chooseEngineServerAlias("EC", null, null)).isNull();
		MeshIdentity.Credential first = identity.renew();
		String before = keys.chooseEngineServerAlias("EC", null, null);
		assertThat(keys.getCertificateChain(before)).containsExactly(first.certificate());
		MeshIdentity.Credential second = identity.renew();
		String after = keys.chooseEngineClientAlias(new String[] { "RSA", "EC" }, null, null);
		assertThat(after).isNotEqualTo(before);
		assertThat(keys.getCertificateChain(after)).containsExactly(second.certificate());
		assertThat(keys.getPrivateKey(after).getAlgorithm()).isEqualTo("EC");
		// A handshake that chose its alias just before the renewal gets a matching key
		assertThat(keys.getCertificateChain(before)).containsExactly(first.certificate());
		assertThat(keys.getPrivateKey(before)).isNotNull().isNotEqualTo(keys.getPrivateKey(after));
		identity.renew();
		assertThat(keys.getPrivateKey(before)).isNull();
		assertThat(keys.chooseEngineServerAlias("RSA", null, null)).isNull();
	}

	private MeshIdentity identity() {
		MeshProperties.Control control = new MeshProperties.Control();
		control.setUrl(this.ca.url());
		MeshIdentityProperties properties = new MeshIdentityProperties();
		properties.setJoinToken(TestCertificateAuthority.JOIN_TOKEN);
		ControlPlaneTls tls = new ControlPlaneTls(control, properties.getTrustBundle(), Clock.systemUTC());
		return new MeshIdentity(ID, properties, new CertificateAuthorityClient(control, tls), Clock.systemUTC());
	}

}
