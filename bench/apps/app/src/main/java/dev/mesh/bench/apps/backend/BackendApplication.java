package dev.mesh.bench.apps.backend;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The bench backend, registered in the mesh (when the starter is present) as
 * {@code bench-backend}.
 */
@SpringBootApplication
@EnableConfigurationProperties(BackendProperties.class)
public class BackendApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(BackendApplication.class);
		application.setDefaultProperties(Map.of("spring.application.name", "bench-backend"));
		application.run(args);
	}

}
