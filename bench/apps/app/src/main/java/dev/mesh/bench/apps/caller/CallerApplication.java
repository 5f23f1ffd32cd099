package dev.mesh.bench.apps.caller;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The bench caller, registered in the mesh (when the starter is present) as
 * {@code bench-caller}.
 */
@SpringBootApplication
@EnableConfigurationProperties(CallerProperties.class)
public class CallerApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(CallerApplication.class);
		application.setDefaultProperties(Map.of("spring.application.name", "bench-caller"));
		application.run(args);
	}

}
