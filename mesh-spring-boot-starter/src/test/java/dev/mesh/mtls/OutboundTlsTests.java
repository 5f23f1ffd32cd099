package dev.mesh.mtls;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import dev.mesh.core.MeshPolicyState;
import dev.mesh.discovery.MeshEndpoints;
import dev.mesh.policy.identity.SpiffeId;
import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.policy.registry.RegistrySnapshot;
import dev.mesh.policy.spec.MtlsMode;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundTlsTests {

	private static final SpiffeId OWN = new SpiffeId("cluster.local", "shop", "storefront");

	private static final URI CALL = URI.create("http://catalog/items?page=2");

	private final MeshMtlsProperties properties = new MeshMtlsProperties();

	@Test
	void callsRegisteredInstancesAsTheyAdvertiseAndOthersAsTheMeshDefault() {
		MeshInstance strict = instance("catalog", "10.0.0.1", Map.of("mesh.mtls", "STRICT"));
		MeshInstance disabled = instance("catalog", "10.0.0.2", Map.of("mesh.mtls", "DISABLED"));
		MeshInstance silent = instance("catalog", "10.0.0.3", Map.of());
		OutboundTls tls = outbound(OWN, Map.of(), strict, disabled, silent);
		assertThat(tls.uri(strict, CALL)).hasToString("https://10.0.0.1:8080/items?page=2");
		assertThat(tls.uri(disabled, CALL)).hasToString("http://10.0.0.2:8080/items?page=2");
		assertThat(tls.uri(silent, CALL)).hasToString("https://10.0.0.3:8080/items?page=2");
		assertThat(outbound(OWN, Map.of("mesh.security.mtls.mode", "DISABLED"), silent).uri(silent, CALL))
			.hasToString("http://10.0.0.3:8080/items?page=2");
		this.properties.getDestinations().put("catalog", destination(MtlsMode.DISABLED, null));
		assertThat(outbound(OWN, Map.of(), strict).uri(strict, CALL)).hasToString("http://10.0.0.1:8080/items?page=2");
	}

	@Test
	void callsStaticInstancesWithMtlsOnlyWhenTheyNameAnIdentity() {
		MeshInstance plain = instance("catalog", "10.0.0.1", Map.of("mesh.source", "static"));
		MeshInstance pinned = instance("catalog", "10.0.0.2",
				Map.of("mesh.source", "static", "mesh.spiffe-id", "spiffe://cluster.local/ns/shop/sa/catalog-v2"));
		OutboundTls tls = outbound(OWN, Map.of(), plain, pinned);
		assertThat(tls.uri(plain, CALL).getScheme()).isEqualTo("http");
		assertThat(tls.uri(pinned, CALL).getScheme()).isEqualTo("https");
		assertThat(tls.isMutual("10.0.0.1", 8080)).isFalse();
		assertThat(tls.expected("10.0.0.2", 8080).identities())
			.containsExactly(SpiffeId.parse("spiffe://cluster.local/ns/shop/sa/catalog-v2"));
	}

	@Test
	void expectsTheConfiguredThenTheRegisteredThenTheConventionalIdentity() {
		MeshInstance registered = instance("catalog", "10.0.0.1",
				Map.of("mesh.mtls", "STRICT", "mesh.spiffe-id", "spiffe://cluster.local/ns/shop/sa/catalog-sa"));
		MeshInstance kubernetes = instance("pricing", "10.0.0.2", Map.of("k8s.namespace", "money"));
		MeshInstance plain = instance("search", "[::1]", Map.of());
		OutboundTls tls = outbound(OWN, Map.of(), registered, kubernetes, plain);
		assertThat(tls.expected("10.0.0.1", 8080).identities())
			.containsExactly(SpiffeId.parse("spiffe://cluster.local/ns/shop/sa/catalog-sa"));
		assertThat(tls.expected("10.0.0.2", 8080).identities())
			.containsExactly(SpiffeId.parse("spiffe://cluster.local/ns/money/sa/pricing"));
		assertThat(tls.expected("::1", 8080).identities())
			.containsExactly(SpiffeId.parse("spiffe://cluster.local/ns/shop/sa/search"));
		assertThat(tls.expected("10.9.9.9", 8080).reason()).isEqualTo("unknown-destination");
		this.properties.getDestinations()
			.put("catalog", destination(null, "spiffe://cluster.local/ns/shop/sa/catalog-pinned"));
		assertThat(outbound(OWN, Map.of(), registered).expected("10.0.0.1", 8080).identities())
			.containsExactly(SpiffeId.parse("spiffe://cluster.local/ns/shop/sa/catalog-pinned"));
	}

	@Test
	void refusesEveryServiceAtAnAddressSeveralServicesShare() {
		OutboundTls tls = outbound(OWN, Map.of(), instance("catalog", "10.0.0.1", Map.of()),
				instance("pricing", "10.0.0.1", Map.of()));
		assertThat(tls.isMutual("10.0.0.1", 8080)).isTrue();
		assertThat(tls.expected("10.0.0.1", 8080).identities()).isEmpty();
		assertThat(tls.expected("10.0.0.1", 8080).reason()).isEqualTo("ambiguous-destination");
	}

	@Test
	void withoutAnIdentityCallsPermissiveInstancesInPlaintextOnTheirPlaintextPort() {
		MeshInstance tomcat = instance("catalog", "10.0.0.1",
				Map.of("mesh.mtls", "PERMISSIVE", "mesh.mtls.plaintext-port", "8081"));
		MeshInstance netty = instance("catalog", "10.0.0.2", Map.of("mesh.mtls", "PERMISSIVE"));
		MeshInstance strict = instance("catalog", "10.0.0.3", Map.of("mesh.mtls", "STRICT"));
		OutboundTls tls = outbound(null, Map.of(), tomcat, netty, strict);
		assertThat(tls.uri(tomcat, CALL)).hasToString("http://10.0.0.1:8081/items?page=2");
		assertThat(tls.uri(netty, CALL)).hasToString("http://10.0.0.2:8080/items?page=2");
		// Sent to the mesh's factory, which refuses it: there is no certificate to
		// present
		assertThat(tls.uri(strict, CALL).getScheme()).isEqualTo("https");
		assertThat(tls.isMutual("10.0.0.3", 8080)).isTrue();
	}

	@Test
	void handsLoadBalancerInstancesOutSecureExactlyWhenCalledWithMutualTls() {
		MeshInstance strict = instance("catalog", "10.0.0.1", Map.of("mesh.mtls", "STRICT"));
		MeshInstance disabled = instance("catalog", "10.0.0.2", Map.of("mesh.mtls", "DISABLED"));
		MeshInstance tomcat = instance("catalog", "10.0.0.3",
				Map.of("mesh.mtls", "PERMISSIVE", "mesh.mtls.plaintext-port", "8081"));
		OutboundTls withIdentity = outbound(OWN, Map.of(), strict, disabled, tomcat);
		assertThat(withIdentity.serviceInstance(strict)).satisfies((instance) -> {
			assertThat(instance.isSecure()).isTrue();
			assertThat(instance.getUri()).hasToString("https://10.0.0.1:8080");
		});
		assertThat(withIdentity.serviceInstance(disabled).isSecure()).isFalse();
		assertThat(withIdentity.serviceInstance(tomcat).getUri()).hasToString("https://10.0.0.3:8080");
		OutboundTls withoutIdentity = outbound(null, Map.of(), strict, disabled, tomcat);
		assertThat(withoutIdentity.serviceInstance(tomcat)).satisfies((instance) -> {
			assertThat(instance.isSecure()).isFalse();
			assertThat(instance.getPort()).isEqualTo(8081);
		});
		assertThat(withoutIdentity.serviceInstance(strict).isSecure()).isTrue();
	}

	private OutboundTls outbound(SpiffeId own, Map<String, Object> policy, MeshInstance... instances) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("policy", policy));
		Map<String, List<MeshInstance>> services = new TreeMap<>();
		for (MeshInstance instance : instances) {
			services.computeIfAbsent(instance.service(), (service) -> new ArrayList<>()).add(instance);
		}
		return new OutboundTls(new FixedEndpoints(new RegistrySnapshot(1, services)), this.properties,
				new MeshPolicyState(environment), own);
	}

	private static MeshInstance instance(String service, String address, Map<String, String> metadata) {
		String host = address.replace("[", "").replace("]", "");
		return new MeshInstance(service + "-" + host.replace(':', '-'), service, host, 8080, "v1", "default", metadata);
	}

	private static MeshMtlsProperties.Destination destination(MtlsMode mode, String identity) {
		MeshMtlsProperties.Destination destination = new MeshMtlsProperties.Destination();
		destination.setMode(mode);
		destination.setIdentity(identity);
		return destination;
	}

	private record FixedEndpoints(RegistrySnapshot snapshot) implements MeshEndpoints {

		@Override
		public WatchStatus status() {
			return new WatchStatus(WatchStatus.State.CONNECTED, Instant.now(), null);
		}

		@Override
		public void addListener(Consumer<RegistrySnapshot> listener) {
		}

	}

}
