package dev.mesh.bench.apps.backend;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The bench backend, registered in the mesh (when the starter is present) as
 * {@code bench-backend}.
 */
@SpringBootApplication
public class BackendApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(BackendApplication.class);
		application.setDefaultProperties(Map.of("spring.application.name", "bench-backend"));
		application.run(args);
	}

}
