package dev.mesh.discovery;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when at least one discovery source is configured: the control service
 * ({@code mesh.control.enabled}, on by default), Kubernetes
 * ({@code mesh.discovery.kubernetes.enabled}) or static entries
 * ({@code mesh.discovery.static.services}). Without any, the app keeps only its mesh
 * identity and its HTTP clients are left alone.
 */
class OnDiscoverySourceCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment environment = context.getEnvironment();
		if (environment.getProperty("mesh.control.enabled", Boolean.class, true)) {
			return ConditionOutcome.match("mesh.control.enabled is true");
		}
		if (environment.getProperty("mesh.discovery.kubernetes.enabled", Boolean.class, false)) {
			return ConditionOutcome.match("mesh.discovery.kubernetes.enabled is true");
		}
		if (new Binder(ConfigurationPropertySources.get(environment))
			.bind(StaticInstances.PREFIX, Bindable.mapOf(String.class, String.class))
			.isBound()) {
			return ConditionOutcome.match(StaticInstances.PREFIX + " lists instances");
		}
		return ConditionOutcome.noMatch("no discovery source: the control service is disabled, "
				+ "mesh.discovery.kubernetes.enabled is false and " + StaticInstances.PREFIX + " is empty");
	}

}
