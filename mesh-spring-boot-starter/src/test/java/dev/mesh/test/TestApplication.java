package dev.mesh.test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import dev.mesh.core.MeshWorkload;

/**
 * A Spring MVC application with the starter, calling whatever URL it is asked to, and
 * naming itself before the answer on {@code /chain}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@RestController
public class TestApplication {

	private final RestClient client;

	private final MeshWorkload workload;

	TestApplication(RestClient.Builder builder, MeshWorkload workload) {
		this.client = builder.build();
		this.workload = workload;
	}

	@GetMapping("/call")
	String call(@RequestParam String url) {
		return this.client.get().uri(url).retrieve().body(String.class);
	}

	@GetMapping("/chain")
	String chain(@RequestParam String url) {
		return this.workload.label() + ">" + call(url);
	}

}
