package dev.mesh.authz;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;

import dev.mesh.core.MeshCoreAutoConfiguration;
import dev.mesh.inbound.InboundStep;
import dev.mesh.resilience.CallerIdentityResolver;
import dev.mesh.resilience.HeaderCallerIdentityResolver;
import dev.mesh.resilience.MeshResilienceAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class MeshAuthzAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(MeshCoreAutoConfiguration.class,
			MeshAuthzAutoConfiguration.class, MeshResilienceAutoConfiguration.class);

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS)
		.withPropertyValues("spring.application.name=catalog");

	@Test
	void identifiesCallersAndEnforcesPoliciesInServletApplicationsByDefault() {
		this.servlet.run((context) -> {
			assertThat(context).hasSingleBean(MeshAuthorization.class)
				.hasBean("meshPeerIdentityFilter")
				.hasBean("meshAccessPolicyFilter")
				.hasBean("meshHttpSecurityCustomizer");
			assertThat(context.getBean(CallerIdentityResolver.class)).isInstanceOf(HeaderCallerIdentityResolver.class);
			assertThat(context.getBean(MeshAuthorization.class).describe().trustDomain()).isEqualTo("cluster.local");
		});
	}

	@Test
	void keepsTheUnauthenticatedCallerHeaderOnlyWhileItNamesCallers() {
		this.servlet
			.run((context) -> assertThat(seenCaller(context.getBean("meshPeerIdentityFilter"))).isEqualTo("pricing"));
		this.servlet.withPropertyValues("mesh.identity.enabled=true").run((context) -> {
			assertThat(context.getBean(CallerIdentityResolver.class)).isInstanceOf(SpiffeCallerIdentityResolver.class);
			assertThat(seenCaller(context.getBean("meshPeerIdentityFilter"))).isNull();
		});
	}

	@Test
	void backsOffForTheApplicationsOwnCallerIdentity() {
		CallerIdentityResolver own = (request) -> "own";
		this.servlet.withPropertyValues("mesh.identity.enabled=true")
			.withBean(CallerIdentityResolver.class, () -> own)
			.run((context) -> assertThat(context.getBean(CallerIdentityResolver.class)).isSameAs(own));
	}

	@Test
	void readsTheTrustDomainFromThePolicyFirst() {
		this.servlet.withPropertyValues("mesh.identity.trust-domain=example.org")
			.run((context) -> assertThat(context.getBean(MeshAuthorization.class).describe().trustDomain())
				.isEqualTo("example.org"));
		this.servlet
			.withPropertyValues("mesh.identity.trust-domain=example.org", "mesh.security.trust-domain=prod.example")
			.run((context) -> assertThat(context.getBean(MeshAuthorization.class).describe().trustDomain())
				.isEqualTo("prod.example"));
	}

	@Test
	void failsStartupNamingAnInvalidAccessPolicyProperty() {
		this.servlet
			.withPropertyValues("mesh.inbound.access[local/admin].action=DENY",
					"mesh.inbound.access[local/admin].rules[0].to.paths[0]=/admin/../x")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("mesh.inbound.access[local/admin].rules[0].to.paths[0]"));
	}

	@Test
	void canBeSwitchedOff() {
		this.servlet.withPropertyValues("mesh.authz.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MeshAuthorization.class)
				.doesNotHaveBean("meshAccessPolicyFilter"));
		this.servlet.withPropertyValues("mesh.authz.spring-security.enabled=false")
			.run((context) -> assertThat(context).hasBean("meshAccessPolicyFilter")
				.doesNotHaveBean("meshHttpSecurityCustomizer"));
	}

	@Test
	void enforcesPoliciesWithoutSpringSecurity() {
		this.servlet.withClassLoader(new FilteredClassLoader(HttpSecurity.class, ServerHttpSecurity.class))
			.run((context) -> assertThat(context).hasBean("meshAccessPolicyFilter")
				.doesNotHaveBean("meshHttpSecurityCustomizer"));
	}

	@Test
	void usesWebFiltersOnAReactiveServer() {
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("spring.application.name=catalog")
			.run((context) -> assertThat(context).hasSingleBean(PeerIdentityWebFilter.class)
				.hasSingleBean(AccessPolicyWebFilter.class)
				.hasSingleBean(PeerIdentityStep.class)
				.hasSingleBean(AccessPolicyStep.class)
				.hasBean("meshServerHttpSecurityCustomizer")
				.doesNotHaveBean("meshAccessPolicyFilter"));
	}

	@Test
	void registersTheStepsOfItsWebFiltersOnlyWithThem() {
		this.servlet.run((context) -> assertThat(context).doesNotHaveBean(InboundStep.class));
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("spring.application.name=catalog", "mesh.authz.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PeerIdentityWebFilter.class)
				.doesNotHaveBean(PeerIdentityStep.class)
				.doesNotHaveBean(AccessPolicyStep.class));
	}

	@Test
	void staysOutOfApplicationsThatServeNothing() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("spring.application.name=catalog")
			.run((context) -> assertThat(context).doesNotHaveBean(MeshAuthorization.class));
	}

	private static String seenCaller(Object registration) throws Exception {
		Filter filter = ((FilterRegistrationBean<?>) registration).getFilter();
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/orders");
		request.addHeader(HeaderCallerIdentityResolver.HEADER, "pricing");
		AtomicReference<String> seen = new AtomicReference<>();
		filter.doFilter(request, new MockHttpServletResponse(), (passed, response) -> seen
			.set(((HttpServletRequest) passed).getHeader(HeaderCallerIdentityResolver.HEADER)));
		return seen.get();
	}

}
