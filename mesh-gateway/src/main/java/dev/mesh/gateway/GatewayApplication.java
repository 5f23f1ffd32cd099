package dev.mesh.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The mesh gateway: Spring Cloud Gateway routes whose {@code lb://<service>} URIs resolve
 * through the mesh (the {@code Subset} filter narrows a route to a subset of a service's
 * instances), beside the mesh routes of {@code GatewayRoute} policies, applied live.
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
