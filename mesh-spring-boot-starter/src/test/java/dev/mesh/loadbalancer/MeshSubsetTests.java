package dev.mesh.loadbalancer;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.LinkedMultiValueMap;

import dev.mesh.discovery.MeshEndpoints;
import dev.mesh.discovery.MeshServiceInstance;
import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.policy.registry.RegistrySnapshot;

import static org.assertj.core.api.Assertions.assertThat;

class MeshSubsetTests {

	private final RegistrySnapshot snapshot = new RegistrySnapshot(1,
			Map.of("catalog", List.of(instance("c1", "v1"), instance("c2", "v2"), instance("c3", "v2"))));

	private final MeshServiceInstanceListSupplier supplier = new MeshServiceInstanceListSupplier("catalog",
			new FixedEndpoints(this.snapshot), MeshServiceInstance::new);

	@Test
	void suppliesEveryInstanceWithoutSubset() {
		assertThat(this.supplier.get().blockFirst()).extracting(ServiceInstance::getInstanceId)
			.containsExactly("c1", "c2", "c3");
	}

	@Test
	void narrowsToTheSubsetCarriedInRequestAttributes() {
		RequestData data = new RequestData(HttpMethod.GET, java.net.URI.create("http://catalog/items"),
				new HttpHeaders(), new LinkedMultiValueMap<>(),
				Map.of(MeshSubset.ATTRIBUTE, new MeshSubset(Map.of("version", "v2"))));
		List<ServiceInstance> instances = this.supplier.get(new DefaultRequest<>(new RequestDataContext(data)))
			.blockFirst();
		assertThat(instances).extracting(ServiceInstance::getInstanceId).containsExactly("c2", "c3");
	}

	@Test
	void suppliesNothingWhenNoInstanceMatches() {
		assertThat(this.supplier.instances(new MeshSubset(Map.of("version", "v3")))).isEmpty();
	}

	@Test
	void printsLabelsInStableOrder() {
		assertThat(new MeshSubset(Map.of("zone", "a", "version", "v2"))).hasToString("version=v2,zone=a");
	}

	private static MeshInstance instance(String id, String version) {
		return new MeshInstance(id, "catalog", "127.0.0.1", 8080, version, "default", Map.of());
	}

	private record FixedEndpoints(RegistrySnapshot snapshot) implements MeshEndpoints {

		@Override
		public WatchStatus status() {
			return new WatchStatus(WatchStatus.State.CONNECTED, null, null);
		}

		@Override
		public void addListener(java.util.function.Consumer<RegistrySnapshot> listener) {
		}

	}

}
