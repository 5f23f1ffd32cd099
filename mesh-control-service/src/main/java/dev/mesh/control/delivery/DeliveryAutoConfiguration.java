package dev.mesh.control.delivery;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.mesh.control.policy.BearerAuthentication;
import dev.mesh.control.policy.Credential;
import dev.mesh.control.policy.PolicyAutoConfiguration;
import dev.mesh.control.policy.PolicyCatalog;
import dev.mesh.control.policy.PolicyProperties;
import dev.mesh.control.registry.RegisteredServices;
import dev.mesh.control.workload.WorkloadAuthentication;
import dev.mesh.control.workload.WorkloadToken;
import dev.mesh.policy.delivery.DeliveryApi;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * Auto-configuration of policy delivery: watch streams and acknowledgements need an
 * authenticated workload ({@link WorkloadAuthentication}: its certificate, or where
 * identity is not required the workload token, which this configuration provides), the
 * status needs the admin token.
 */
@AutoConfiguration(after = PolicyAutoConfiguration.class)
@EnableConfigurationProperties(DeliveryProperties.class)
public final class DeliveryAutoConfiguration {

	@Bean
	PolicyDelivery policyDelivery(PolicyCatalog catalog, RegisteredServices registry, Clock clock,
			DeliveryProperties properties) {
		return new PolicyDelivery(catalog, registry, clock, properties.getDebounce(), properties.getMaxDelay(),
				properties.getForgetAfter());
	}

	@Bean
	WorkloadToken workloadToken(PolicyProperties properties) {
		Credential workload = Credential.resolve(properties.getWorkloadToken(), "mesh.policy.workload-token",
				properties.getDataDirectory(), Credential.WORKLOAD_FILE);
		return workload::matches;
	}

	@Bean
	RouterFunction<ServerResponse> deliveryRoutes(PolicyDelivery delivery, DeliveryProperties timing,
			PolicyProperties properties, WorkloadAuthentication authentication) {
		DeliveryHandler handler = new DeliveryHandler(delivery, timing.getKeepaliveInterval());
		Credential admin = Credential.resolve(properties.getAdminToken(), "mesh.policy.admin-token",
				properties.getDataDirectory(), Credential.ADMIN_FILE);
		RouterFunction<ServerResponse> workloadRoutes = route().GET(DeliveryApi.WATCH, handler::watch)
			.POST(DeliveryApi.ACKS, handler::acknowledge)
			.filter(authentication)
			.build();
		return route().GET(DeliveryApi.STATUS, handler::status)
			.filter(new BearerAuthentication(admin, "admin token"))
			.build()
			.and(workloadRoutes);
	}

}
