package dev.mesh.e2e;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.mesh.policy.registry.MeshInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A workload whose control service is gone for longer than its certificate lives: the
 * certificate expires and is kept (no fallback), and when the control service returns the
 * renewal succeeds with the join token alone and the workload registers again with its
 * new certificate. Certificates of 15 s, so that the expiry comes soon after the control
 * service is gone.
 */
class IdentityExpiryIntegrationTests {

	@Test
	void expiresWhileTheControlServiceIsDownAndRecoversWhenItReturns() throws Exception {
		try (RunningMesh mesh = RunningMesh.startControl("--mesh.ca.workload-ttl=15s")) {
			mesh.launch("pricing-expiring", "mesh.e2e.pricing-jar", "--mesh.identity.initial-backoff=500ms",
					"--mesh.identity.max-backoff=2s", "--mesh.control.max-backoff=2s");
			await("pricing registered").atMost(Duration.ofMinutes(3))
				.ignoreExceptions()
				.until(() -> mesh.registry().instances("pricing").size() == 1);
			MeshInstance registered = mesh.registry().instances("pricing").get(0);
			assertThat(registered.metadata()).containsEntry(MeshInstance.SPIFFE_ID,
					"spiffe://cluster.local/ns/default/sa/pricing");
			int managementPort = Integer.parseInt(registered.metadata().get("management.port"));
			String firstSerial = identity(mesh, managementPort).get("serialNumber").asString();

			mesh.process("control").kill();
			await("certificate expired").atMost(Duration.ofMinutes(3))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> "EXPIRED".equals(identity(mesh, managementPort).get("state").asString()));
			JsonNode expired = identity(mesh, managementPort);
			assertThat(expired.get("lastError").asString()).contains("Cannot obtain a certificate");
			assertThat(mesh.process("pricing-expiring").isAlive()).isTrue();

			mesh.startControlProcess("control-returned");
			await("certificate renewed").atMost(Duration.ofMinutes(3))
				.pollInterval(Duration.ofSeconds(1))
				.ignoreExceptions()
				.until(() -> "VALID".equals(identity(mesh, managementPort).get("state").asString()));
			assertThat(identity(mesh, managementPort).get("serialNumber").asString()).isNotEqualTo(firstSerial);
			await("registered again with the new certificate").atMost(Duration.ofMinutes(1))
				.pollInterval(Duration.ofMillis(500))
				.ignoreExceptions()
				.untilAsserted(() -> assertThat(mesh.registry().instances("pricing")).singleElement()
					.satisfies((instance) -> assertThat(instance.metadata()).containsEntry(MeshInstance.SPIFFE_ID,
							"spiffe://cluster.local/ns/default/sa/pricing")));
		}
	}

	private static JsonNode identity(RunningMesh mesh, int managementPort) throws Exception {
		return mesh.mesh(managementPort).get("identity");
	}

}
