package dev.mesh.control.policy;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.mesh.control.policy.store.FileJournalPolicyStore;
import dev.mesh.control.policy.store.PolicyStore;
import dev.mesh.control.registry.RegisteredServices;
import dev.mesh.control.registry.RegistryAutoConfiguration;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * Auto-configuration of the policy API over the durable policy store.
 */
@AutoConfiguration(after = RegistryAutoConfiguration.class)
@EnableConfigurationProperties(PolicyProperties.class)
public final class PolicyAutoConfiguration {

	/**
	 * Base path of the policy API.
	 */
	static final String POLICIES = "/v1/policies";

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	PolicyStore policyStore(PolicyProperties properties) {
		return new FileJournalPolicyStore(properties.getDataDirectory());
	}

	@Bean
	PolicyCatalog policyCatalog(PolicyStore store) {
		return new PolicyCatalog(store);
	}

	@Bean
	PolicyService policyService(PolicyStore store, PolicyCatalog catalog, RegisteredServices registered,
			ObjectProvider<PolicyCheck> checks) {
		return new PolicyService(store, catalog, registered, checks.orderedStream().toList());
	}

	@Bean
	RouterFunction<ServerResponse> policyRoutes(PolicyService service, PolicyProperties properties) {
		PolicyHandler handler = new PolicyHandler(service);
		String one = POLICIES + "/{kind}/{namespace}/{name}";
		return route().GET(POLICIES, handler::list)
			.POST(POLICIES, handler::create)
			.GET(one, handler::get)
			.PUT(one, handler::replace)
			.DELETE(one, handler::delete)
			.GET(one + "/revisions", handler::revisions)
			.POST(one + "/rollback", handler::rollback)
			.filter(new BearerAuthentication(Credential.resolve(properties.getAdminToken(), "mesh.policy.admin-token",
					properties.getDataDirectory(), Credential.ADMIN_FILE), "admin token"))
			.build();
	}

}
