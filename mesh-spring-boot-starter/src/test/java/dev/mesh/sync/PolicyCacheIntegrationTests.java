package dev.mesh.sync;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mesh.core.AppliedPolicy;
import dev.mesh.core.MeshPolicyState;
import dev.mesh.policy.delivery.PolicyAck;
import dev.mesh.policy.delivery.PolicySnapshot;
import dev.mesh.test.FakeControlService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class PolicyCacheIntegrationTests {

	private static final String SERVICE = SyncTestApplication.SERVICE;

	private static final String CATALOG_TIMEOUT = SyncTestApplication.CATALOG_TIMEOUT;

	@TempDir
	Path cache;

	@Test
	void restartsWithTheCachedPolicyWhileTheControlServiceIsDownAndFollowsItWhenItReturns() throws Exception {
		int port;
		try (FakeControlService control = FakeControlService.start()) {
			port = control.url().getPort();
			control.policy().push(SERVICE, new PolicySnapshot(1, Map.of(CATALOG_TIMEOUT, "2s")));
			try (ConfigurableApplicationContext app = SyncTestApplication.run(control.url(), this.cache)) {
				await().atMost(Duration.ofSeconds(5)).until(() -> !control.policy().acks().isEmpty());
				assertThat(this.cache.resolve("policy-tester.json")).exists();
			}
		}
		try (ConfigurableApplicationContext app = SyncTestApplication.run(URI.create("http://127.0.0.1:" + port),
				this.cache)) {
			MeshPolicyState state = app.getBean(MeshPolicyState.class);
			assertThat(state.current().version()).isEqualTo(1);
			assertThat(state.current().source()).isEqualTo(AppliedPolicy.DISK_CACHE);
			assertThat(app.getBean(SyncTestApplication.CatalogCalls.class).getTimeout())
				.isEqualTo(Duration.ofSeconds(2));
			try (FakeControlService control = FakeControlService.start(port)) {
				control.policy().push(SERVICE, new PolicySnapshot(1, Map.of(CATALOG_TIMEOUT, "2s")));
				await().atMost(Duration.ofSeconds(5)).until(() -> !control.policy().acks().isEmpty());
				assertThat(control.policy().acks()).extracting(PolicyAck::version).containsOnly(1L);
				assertThat(state.current().source()).isEqualTo(AppliedPolicy.CONTROL_SERVICE);
				control.policy().push(SERVICE, new PolicySnapshot(2, Map.of(CATALOG_TIMEOUT, "3s")));
				SyncTestApplication.CatalogCalls calls = app.getBean(SyncTestApplication.CatalogCalls.class);
				await().atMost(Duration.ofSeconds(5))
					.until(() -> state.current().version() == 2 && Duration.ofSeconds(3).equals(calls.getTimeout()));
				app.close();
			}
		}
	}

	@Test
	void startsWithTheApplicationsOwnPolicyWhenTheCacheDoesNotBind(CapturedOutput output) throws Exception {
		Files.writeString(this.cache.resolve("policy-tester.json"),
				"{\"version\":7,\"properties\":{\"mesh.outbound.destinations[catalog].tmeout\":\"2s\"}}");
		try (ConfigurableApplicationContext app = SyncTestApplication.run(URI.create("http://127.0.0.1:1"),
				this.cache)) {
			AppliedPolicy applied = app.getBean(MeshPolicyState.class).current();
			assertThat(applied.version()).isEqualTo(-1);
			assertThat(applied.source()).isEqualTo(AppliedPolicy.APPLICATION);
			assertThat(output.getOut().lines().filter((line) -> line.contains("Ignoring the cached policy")))
				.singleElement()
				.asString()
				.contains(" WARN ")
				.contains("tmeout");
		}
	}

}
