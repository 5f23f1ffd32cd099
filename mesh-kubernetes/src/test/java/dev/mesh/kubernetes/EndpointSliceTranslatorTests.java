package dev.mesh.kubernetes;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import org.junit.jupiter.api.Test;

import dev.mesh.kubernetes.EndpointSliceTranslator.KubernetesEndpoint;
import dev.mesh.kubernetes.EndpointSliceTranslator.Readiness;
import dev.mesh.kubernetes.EndpointSliceTranslator.Translation;
import dev.mesh.kubernetes.test.KubernetesObjects;
import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.policy.registry.Names;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointSliceTranslatorTests {

	private final EndpointSliceTranslator translator = new EndpointSliceTranslator(
			KubernetesDiscoverySettings.defaults());

	private final Map<String, Pod> pods = Map.of("shop/catalog-a",
			KubernetesObjects.pod("shop", "catalog-a",
					Map.of("app.kubernetes.io/version", "v2", "team", "books", "topology.kubernetes.io/zone",
							"zone-b")),
			"shop/catalog-b",
			KubernetesObjects.pod("shop", "catalog-b", Map.of("version", "v3", "app.kubernetes.io/version", "9")));

	@Test
	void readsServiceVersionZoneAndLabelsOfEachEndpoint() {
		EndpointSlice slice = KubernetesObjects.slice("shop", "catalog-x1", "catalog",
				List.of(KubernetesObjects.port("http", 8080), KubernetesObjects.port("admin", 9090)),
				List.of(KubernetesObjects.ready("shop", "catalog-a", "10.0.0.1", "zone-a"),
						KubernetesObjects.ready("shop", "catalog-b", "10.0.0.2", null)));
		Translation translation = this.translator.translate(slice, this.pods::get);
		assertThat(translation.problem()).isNull();
		assertThat(translation.endpoints()).extracting(KubernetesEndpoint::instance)
			.containsExactly(
					new MeshInstance("catalog-a.shop", "catalog", "10.0.0.1", 8080, "v2", "zone-a",
							Map.of("mesh.source", "kubernetes", "k8s.namespace", "shop", "app.kubernetes.io/version",
									"v2", "team", "books", "topology.kubernetes.io/zone", "zone-b")),
					new MeshInstance("catalog-b.shop", "catalog", "10.0.0.2", 8080, "v3", "default",
							Map.of("mesh.source", "kubernetes", "k8s.namespace", "shop", "version", "v3",
									"app.kubernetes.io/version", "9")));
	}

	@Test
	void fallsBackToThePodZoneLabelAndTheDefaultVersion() {
		EndpointSlice slice = KubernetesObjects.slice("shop", "catalog-x1", "catalog",
				List.of(KubernetesObjects.port(null, 8080)),
				List.of(KubernetesObjects.ready("shop", "catalog-a", "10.0.0.1", null),
						KubernetesObjects.ready("shop", "unknown-pod", "10.0.0.3", null)));
		List<MeshInstance> instances = this.translator.translate(slice, this.pods::get)
			.endpoints()
			.stream()
			.map(KubernetesEndpoint::instance)
			.toList();
		assertThat(instances).extracting(MeshInstance::zone).containsExactly("zone-b", "default");
		assertThat(instances).extracting(MeshInstance::version).containsExactly("v2", "v1");
	}

	@Test
	void honoursReadyServingAndTerminatingConditions() {
		assertThat(EndpointSliceTranslator.readiness(new EndpointConditions(true, true, false)))
			.isEqualTo(Readiness.READY);
		assertThat(EndpointSliceTranslator.readiness(new EndpointConditions(null, null, null)))
			.isEqualTo(Readiness.READY);
		assertThat(EndpointSliceTranslator.readiness(null)).isEqualTo(Readiness.READY);
		assertThat(EndpointSliceTranslator.readiness(new EndpointConditions(false, false, false)))
			.isEqualTo(Readiness.NOT_READY);
		assertThat(EndpointSliceTranslator.readiness(new EndpointConditions(false, true, true)))
			.isEqualTo(Readiness.DRAINING);
		assertThat(EndpointSliceTranslator.readiness(new EndpointConditions(false, false, true)))
			.isEqualTo(Readiness.NOT_READY);
		EndpointSlice slice = KubernetesObjects.slice("shop", "catalog-x1", "catalog",
				List.of(KubernetesObjects.port("http", 8080)), List.of(KubernetesObjects.endpoint("shop", "catalog-a",
						"10.0.0.1", null, new EndpointConditions(false, true, true))));
		assertThat(this.translator.translate(slice, this.pods::get).endpoints())
			.extracting(KubernetesEndpoint::readiness)
			.containsExactly(Readiness.DRAINING);
	}

	@Test
	void refusesASliceWithoutThePortToRouteTo() {
		EndpointSlice slice = KubernetesObjects.slice("shop", "catalog-x1", "catalog",
				List.of(KubernetesObjects.port("grpc", 9000), KubernetesObjects.port("admin", 9090)),
				List.of(KubernetesObjects.ready("shop", "catalog-a", "10.0.0.1", null)));
		Translation translation = this.translator.translate(slice, this.pods::get);
		assertThat(translation.endpoints()).isEmpty();
		assertThat(translation.problem()).contains("no port named 'http'").contains("[grpc, admin]");
	}

	@Test
	void choosesTheConfiguredPortName() {
		EndpointSliceTranslator grpc = new EndpointSliceTranslator(new KubernetesDiscoverySettings(List.of(), "grpc",
				KubernetesDiscoverySettings.DEFAULT_VERSION_LABELS, "v1"));
		EndpointSlice slice = KubernetesObjects.slice("shop", "catalog-x1", "catalog",
				List.of(KubernetesObjects.port("http", 8080), KubernetesObjects.port("grpc", 9000)),
				List.of(KubernetesObjects.ready("shop", "catalog-a", "10.0.0.1", null)));
		assertThat(grpc.translate(slice, this.pods::get).endpoints())
			.extracting((endpoint) -> endpoint.instance().port())
			.containsExactly(9000);
	}

	@Test
	void keepsInstanceIdsValidWhenNamesAreLong() {
		String id = EndpointSliceTranslator.instanceId("p".repeat(120), "n".repeat(60));
		assertThat(Names.isInstanceId(id)).isTrue();
		assertThat(id).isNotEqualTo(EndpointSliceTranslator.instanceId("p".repeat(120), "m".repeat(60)));
		assertThat(EndpointSliceTranslator.instanceId("catalog-a", "shop")).isEqualTo("catalog-a.shop");
	}

}
