package dev.mesh.client;

import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.test.FakeControlService;
import dev.mesh.test.TestApplication;
import dev.mesh.test.TextServer;

/**
 * A fake control service knowing two instances of {@code pricing} (text servers answering
 * {@code one}, version v1, and {@code two}, version v2) and an application {@code tester}
 * on the mesh, for the client tests.
 *
 * @param control the control service
 * @param one the first instance of pricing
 * @param two the second instance of pricing
 * @param app the application
 */
record PricingMesh(FakeControlService control, TextServer one, TextServer two,
		ConfigurableApplicationContext app) implements AutoCloseable {

	static PricingMesh start() throws Exception {
		FakeControlService control = FakeControlService.start();
		TextServer one = TextServer.start("one");
		TextServer two = TextServer.start("two");
		control.put(instance("pricing-1", "v1", one.port()));
		control.put(instance("pricing-2", "v2", two.port()));
		ConfigurableApplicationContext app = new SpringApplicationBuilder(TestApplication.class)
			.properties("spring.application.name=tester", "server.port=0", "server.address=127.0.0.1",
					"mesh.control.url=" + control.url(), "mesh.discovery.drain-delay=0s")
			.run();
		return new PricingMesh(control, one, two, app);
	}

	@Override
	public void close() {
		this.app.close();
		this.control.close();
		this.one.close();
		this.two.close();
	}

	private static MeshInstance instance(String id, String version, int port) {
		return new MeshInstance(id, "pricing", "127.0.0.1", port, version, "default", Map.of());
	}

}
