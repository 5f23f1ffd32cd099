package dev.mesh.discovery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.mesh.policy.registry.MeshInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class StaticInstancesTests {

	@Test
	void resolvesUrlsWithDefaultsAndDetails() {
		StaticDiscoveryProperties.Entry detailed = StaticDiscoveryProperties.Entry.of("https://pricing.example.com");
		detailed.setVersion("v2");
		detailed.setZone("eu-1a");
		detailed.getMetadata().put("team", "money");
		Map<String, List<MeshInstance>> instances = StaticInstances
			.resolve(Map.of("pricing", List.of(StaticDiscoveryProperties.Entry.of("http://127.0.0.1:8083"), detailed)));
		assertThat(instances.get("pricing")).containsExactly(
				new MeshInstance("127.0.0.1:8083", "pricing", "127.0.0.1", 8083, "v1", "default",
						Map.of("mesh.source", "static")),
				new MeshInstance("pricing.example.com:443", "pricing", "pricing.example.com", 443, "v2", "eu-1a",
						Map.of("mesh.source", "static", "mesh.scheme", "https", "team", "money")));
		assertThat(new MeshServiceInstance(instances.get("pricing").get(1)).getUri())
			.hasToString("https://pricing.example.com:443");
		assertThat(new MeshServiceInstance(instances.get("pricing").get(0)).isSecure()).isFalse();
	}

	@Test
	void acceptsIpv6Literals() {
		Map<String, List<MeshInstance>> instances = StaticInstances
			.resolve(Map.of("pricing", List.of(StaticDiscoveryProperties.Entry.of("http://[::1]:8080/"))));
		assertThat(instances.get("pricing")).singleElement().satisfies((instance) -> {
			assertThat(instance.address()).isEqualTo("::1");
			assertThat(instance.port()).isEqualTo(8080);
		});
	}

	@Test
	void namesThePropertyOfEveryInvalidUrl() {
		Map<String, List<StaticDiscoveryProperties.Entry>> services = new LinkedHashMap<>();
		services.put("pricing",
				List.of(StaticDiscoveryProperties.Entry.of("ftp://host:21"),
						StaticDiscoveryProperties.Entry.of("http://host:8080/api"),
						StaticDiscoveryProperties.Entry.of("http://host:99999"),
						StaticDiscoveryProperties.Entry.of("http://${PRICING_HOST}:80"),
						StaticDiscoveryProperties.Entry.of("http:// bad"), StaticDiscoveryProperties.Entry.of("")));
		assertThatIllegalStateException().isThrownBy(() -> StaticInstances.resolve(services))
			.withMessageContaining("mesh.discovery.static.services.pricing[0].url must be an http or https URL")
			.withMessageContaining("mesh.discovery.static.services.pricing[1].url must be only scheme, host and port")
			.withMessageContaining("mesh.discovery.static.services.pricing[2].url must have a port between 1 and 65535")
			.withMessageContaining("mesh.discovery.static.services.pricing[3].url must be a literal URL")
			.withMessageContaining("mesh.discovery.static.services.pricing[4].url is not a URL")
			.withMessageContaining("mesh.discovery.static.services.pricing[5].url is required");
	}

	@Test
	void namesInvalidServiceNamesLabelsAndDuplicates() {
		StaticDiscoveryProperties.Entry badZone = StaticDiscoveryProperties.Entry.of("http://a:1");
		badZone.setZone("not a zone");
		StaticDiscoveryProperties.Entry badVersion = StaticDiscoveryProperties.Entry.of("http://b:1");
		badVersion.setVersion("v 2");
		Map<String, List<StaticDiscoveryProperties.Entry>> services = new LinkedHashMap<>();
		services.put("Pricing", List.of(StaticDiscoveryProperties.Entry.of("http://a:1")));
		services.put("catalog", List.of(badZone, badVersion, StaticDiscoveryProperties.Entry.of("http://c:80"),
				StaticDiscoveryProperties.Entry.of("http://c")));
		assertThatIllegalStateException().isThrownBy(() -> StaticInstances.resolve(services))
			.withMessageContaining("mesh.discovery.static.services.Pricing: 'Pricing' is not a service name")
			.withMessageContaining("mesh.discovery.static.services.catalog[0].zone must be")
			.withMessageContaining("mesh.discovery.static.services.catalog[1].version must be")
			.withMessageContaining("mesh.discovery.static.services.catalog[3].url: c:80 is listed twice");
	}

	@Test
	void recordsAnIdentityAsTheInstancesSpiffeIdAndNamesAnInvalidOne() {
		StaticDiscoveryProperties.Entry pinned = StaticDiscoveryProperties.Entry.of("http://10.0.0.7:8443");
		pinned.setIdentity("spiffe://cluster.local/ns/shop/sa/catalog");
		assertThat(StaticInstances.resolve(Map.of("catalog", List.of(pinned))).get("catalog")).singleElement()
			.satisfies((instance) -> assertThat(instance.metadata()).containsEntry(MeshInstance.SPIFFE_ID,
					"spiffe://cluster.local/ns/shop/sa/catalog"));
		StaticDiscoveryProperties.Entry invalid = StaticDiscoveryProperties.Entry.of("http://10.0.0.8:8443");
		invalid.setIdentity("spiffe://cluster.local/catalog");
		assertThatIllegalStateException().isThrownBy(() -> StaticInstances.resolve(Map.of("catalog", List.of(invalid))))
			.withMessageContaining("mesh.discovery.static.services.catalog[0].identity");
	}

}
