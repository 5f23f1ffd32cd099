package dev.mesh.resilience;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.mesh.core.MeshCoreAutoConfiguration;
import dev.mesh.core.MeshPolicyState;

/**
 * Auto-configuration of the resilience chain of outbound calls (used by the mesh's HTTP
 * clients) and of the inbound rate limit and deadline filters.
 */
@AutoConfiguration(after = MeshCoreAutoConfiguration.class)
@EnableConfigurationProperties(MeshResilienceProperties.class)
public final class MeshResilienceAutoConfiguration {

	/**
	 * Order of the inbound rate-limit filter: after Spring Security (-100), which will
	 * authenticate the caller.
	 */
	public static final int RATE_LIMIT_FILTER_ORDER = -90;

	/**
	 * Order of the inbound deadline filter: right after the rate limit.
	 */
	public static final int DEADLINE_FILTER_ORDER = -80;

	private static final String DEADLINE_ENABLED = "mesh.resilience.deadline.enabled";

	@Bean
	@ConditionalOnMissingBean
	MeshResilience meshResilience(MeshPolicyState policy, ObjectProvider<ResilienceListener> listeners) {
		return new MeshResilience(policy, new CompositeResilienceListener(listeners));
	}

	@Bean
	@ConditionalOnMissingBean
	CallerIdentityResolver meshCallerIdentityResolver() {
		return new HeaderCallerIdentityResolver();
	}

	@Bean
	InboundRateLimiter meshInboundRateLimiter(MeshPolicyState policy, ObjectProvider<ResilienceListener> listeners) {
		return new InboundRateLimiter(policy, new CompositeResilienceListener(listeners), System::nanoTime);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class ServletFilterConfiguration {

		@Bean
		FilterRegistrationBean<RateLimitServletFilter> meshRateLimitFilter(InboundRateLimiter limiter,
				CallerIdentityResolver callers) {
			FilterRegistrationBean<RateLimitServletFilter> registration = new FilterRegistrationBean<>(
					new RateLimitServletFilter(limiter, callers));
			registration.setOrder(RATE_LIMIT_FILTER_ORDER);
			return registration;
		}

		@Bean
		@ConditionalOnBooleanProperty(name = DEADLINE_ENABLED, matchIfMissing = true)
		FilterRegistrationBean<DeadlineServletFilter> meshDeadlineFilter(MeshResilienceProperties properties,
				ObjectProvider<ResilienceListener> listeners) {
			FilterRegistrationBean<DeadlineServletFilter> registration = new FilterRegistrationBean<>(
					new DeadlineServletFilter(properties.getDeadline().getMax(),
							new CompositeResilienceListener(listeners)));
			registration.setOrder(DEADLINE_FILTER_ORDER);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	static class ReactiveFilterConfiguration {

		@Bean
		RateLimitWebFilter meshRateLimitWebFilter(InboundRateLimiter limiter, CallerIdentityResolver callers) {
			return new RateLimitWebFilter(limiter, callers);
		}

		@Bean
		RateLimitStep meshRateLimitStep(RateLimitWebFilter meshRateLimitWebFilter) {
			return new RateLimitStep(meshRateLimitWebFilter);
		}

		@Bean
		@ConditionalOnBooleanProperty(name = DEADLINE_ENABLED, matchIfMissing = true)
		DeadlineWebFilter meshDeadlineWebFilter(MeshResilienceProperties properties,
				ObjectProvider<ResilienceListener> listeners) {
			return new DeadlineWebFilter(properties.getDeadline().getMax(), new CompositeResilienceListener(listeners));
		}

		@Bean
		@ConditionalOnBooleanProperty(name = DEADLINE_ENABLED, matchIfMissing = true)
		DeadlineStep meshDeadlineStep() {
			return new DeadlineStep();
		}

	}

}
