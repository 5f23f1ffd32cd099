package dev.mesh.policy.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SpiffeIdTests {

	@Test
	void parsesTheMeshFormAndPrintsItBack() {
		SpiffeId id = SpiffeId.parse("spiffe://cluster.local/ns/shop/sa/catalog");
		assertThat(id).isEqualTo(new SpiffeId("cluster.local", "shop", "catalog"));
		assertThat(id).hasToString("spiffe://cluster.local/ns/shop/sa/catalog");
		assertThat(id.isMemberOf("cluster.local")).isTrue();
		assertThat(id.isMemberOf("other.local")).isFalse();
	}

	@Test
	void acceptsKubernetesNamesAtTheirLimits() {
		String namespace = "n".repeat(SpiffeId.MAX_NAMESPACE_LENGTH);
		String account = "a".repeat(60) + ".b-c." + "d".repeat(60);
		SpiffeId id = SpiffeId.parse("spiffe://my_mesh-1.example/ns/" + namespace + "/sa/" + account);
		assertThat(id.namespace()).isEqualTo(namespace);
		assertThat(id.serviceAccount()).isEqualTo(account);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			SPIFFE://cluster.local/ns/shop/sa/catalog           | the scheme must be lowercase 'spiffe'
			https://cluster.local/ns/shop/sa/catalog            | it must start with spiffe://
			spiffe://Cluster.Local/ns/shop/sa/catalog           | the trust domain must be
			spiffe://cluster.local:8443/ns/shop/sa/catalog      | a port is not allowed
			spiffe://admin@cluster.local/ns/shop/sa/catalog     | user info is not allowed
			spiffe://cluster.local/ns/shop/sa/catalog?x=1       | a query is not allowed
			spiffe://cluster.local/ns/shop/sa/catalog#frag      | a fragment is not allowed
			spiffe://cluster.local/ns/sh%6Fp/sa/catalog         | percent-encoding is not allowed
			spiffe:///ns/shop/sa/catalog                        | the trust domain is missing
			spiffe://cluster.local                              | the path must be
			spiffe://cluster.local/ns/shop/sa/catalog/          | the path must be
			spiffe://cluster.local/ns/shop/sa/catalog/extra     | the path must be
			spiffe://cluster.local/sa/catalog/ns/shop           | the path must be
			spiffe://cluster.local//ns/shop/sa/catalog          | the path must be
			spiffe://cluster.local/ns/Shop/sa/catalog           | the namespace must be
			spiffe://cluster.local/ns/../sa/catalog             | the namespace must be
			spiffe://cluster.local/ns/shop/sa/-catalog          | the service account must be
			spiffe://cluster.local/ns/shop/sa/catalog..v1       | the service account must be
			spiffe://.cluster.local/ns/shop/sa/catalog          | the trust domain must be
			""")
	void rejectsAnythingElseSayingWhy(String text, String reason) {
		assertThatExceptionOfType(InvalidSpiffeIdException.class).isThrownBy(() -> SpiffeId.parse(text))
			.withMessageContaining("is not a SPIFFE ID of the form spiffe://<trust-domain>/ns/<namespace>/sa/")
			.withMessageContaining(reason);
	}

	@Test
	void rejectsEmptyAndOverlongText() {
		assertThatExceptionOfType(InvalidSpiffeIdException.class).isThrownBy(() -> SpiffeId.parse(""))
			.withMessageContaining("A SPIFFE ID is required");
		String overlong = "spiffe://cluster.local/ns/shop/sa/" + "a".repeat(SpiffeId.MAX_LENGTH);
		assertThatExceptionOfType(InvalidSpiffeIdException.class).isThrownBy(() -> SpiffeId.parse(overlong))
			.withMessageContaining("longer than 2048 characters");
	}

	@Test
	void rejectsNamesThatAreTooLong() {
		String namespace = "n".repeat(SpiffeId.MAX_NAMESPACE_LENGTH + 1);
		assertThatExceptionOfType(InvalidSpiffeIdException.class)
			.isThrownBy(() -> SpiffeId.parse("spiffe://cluster.local/ns/" + namespace + "/sa/catalog"))
			.withMessageContaining("the namespace must be at most 63");
		assertThatExceptionOfType(InvalidSpiffeIdException.class)
			.isThrownBy(() -> new SpiffeId("a".repeat(256), "shop", "catalog"))
			.withMessageContaining("Invalid trust domain");
	}

	@Test
	void constructorValidatesEachPartNamingIt() {
		assertThatExceptionOfType(InvalidSpiffeIdException.class)
			.isThrownBy(() -> new SpiffeId("cluster.local", "shop", "Catalog"))
			.withMessageContaining("Invalid service account 'Catalog'");
		assertThatExceptionOfType(InvalidSpiffeIdException.class)
			.isThrownBy(() -> new SpiffeId("cluster.local", "shop/x", "catalog"))
			.withMessageContaining("Invalid namespace 'shop/x'");
	}

	@Test
	void controlServiceHasItsOwnIdentity() {
		assertThat(CertificateApi.controlServiceId("cluster.local"))
			.hasToString("spiffe://cluster.local/ns/mesh-system/sa/mesh-control-service");
	}

}
