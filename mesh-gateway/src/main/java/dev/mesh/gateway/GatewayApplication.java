package dev.mesh.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The mesh gateway: routes from {@code lb://<service>} URIs resolve through the mesh, and
 * the {@code Subset} filter narrows a route to a subset of a service's instances.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class GatewayApplication {

	@Bean
	SubsetGatewayFilterFactory subsetGatewayFilterFactory() {
		return new SubsetGatewayFilterFactory();
	}

	public static void main(String[] args) {
		SpringApplication.run(GatewayApplication.class, args);
	}

}
