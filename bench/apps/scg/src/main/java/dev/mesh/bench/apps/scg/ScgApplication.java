package dev.mesh.bench.apps.scg;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Plain Spring Cloud Gateway: the framework's defaults, routes from the configuration.
 */
@SpringBootApplication
public class ScgApplication {

	public static void main(String[] args) {
		SpringApplication.run(ScgApplication.class, args);
	}

}
