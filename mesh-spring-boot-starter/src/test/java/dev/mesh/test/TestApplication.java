package dev.mesh.test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * A Spring MVC application with the starter, calling whatever URL it is asked to.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@RestController
public class TestApplication {

	private final RestClient client;

	TestApplication(RestClient.Builder builder) {
		this.client = builder.build();
	}

	@GetMapping("/call")
	String call(@RequestParam String url) {
		return this.client.get().uri(url).retrieve().body(String.class);
	}

}
