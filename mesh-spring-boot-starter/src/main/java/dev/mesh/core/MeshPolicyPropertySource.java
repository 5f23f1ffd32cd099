package dev.mesh.core;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.env.PropertySourceInfo;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.Assert;

/**
 * The policy snapshot an application runs with, as a property source: the {@code mesh.*}
 * properties of one version of the workload's policy, with the version and where it came
 * from. It ranks above the application's own configuration files and below command-line
 * arguments, Java system properties and environment variables, so that pushed policy wins
 * over {@code application.yml} while an operator can still override one instance. It is
 * never modified: a new snapshot replaces it whole.
 */
public final class MeshPolicyPropertySource extends MapPropertySource implements PropertySourceInfo {

	/**
	 * Name of the property source.
	 */
	public static final String NAME = "meshPolicySnapshot";

	/**
	 * Property sources that outrank policy, when present.
	 */
	private static final Set<String> OVERRIDES = Set.of("commandLineArgs", "spring.application.json",
			"servletConfigInitParams", "servletContextInitParams", "jndiProperties",
			StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
			StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);

	private final Map<String, String> properties;

	private final long version;

	private final String policySource;

	private final Instant appliedAt;

	/**
	 * Create a new property source.
	 * @param properties the {@code mesh.*} properties of the snapshot
	 * @param version version of the snapshot
	 * @param policySource where the snapshot came from, one of the sources named in
	 * {@link AppliedPolicy}
	 * @param appliedAt when it was applied
	 */
	public MeshPolicyPropertySource(Map<String, String> properties, long version, String policySource,
			Instant appliedAt) {
		super(NAME, Collections.unmodifiableMap(new LinkedHashMap<>(properties)));
		Assert.hasText(policySource, "'policySource' must not be empty");
		Assert.notNull(appliedAt, "'appliedAt' must not be null");
		this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
		this.version = version;
		this.policySource = policySource;
		this.appliedAt = appliedAt;
	}

	/**
	 * Return the properties of the snapshot.
	 * @return the properties
	 */
	public Map<String, String> getProperties() {
		return this.properties;
	}

	/**
	 * Return the version of the snapshot.
	 * @return the version
	 */
	public long getVersion() {
		return this.version;
	}

	/**
	 * Return where the snapshot came from.
	 * @return the source, such as {@value AppliedPolicy#CONTROL_SERVICE}
	 */
	public String getPolicySource() {
		return this.policySource;
	}

	/**
	 * Return when the snapshot was applied.
	 * @return the time
	 */
	public Instant getAppliedAt() {
		return this.appliedAt;
	}

	/**
	 * Return the same snapshot, as coming from another source.
	 * @param policySource the other source
	 * @return the property source
	 */
	public MeshPolicyPropertySource withPolicySource(String policySource) {
		return new MeshPolicyPropertySource(this.properties, this.version, policySource, this.appliedAt);
	}

	@Override
	public boolean isImmutable() {
		return true;
	}

	/**
	 * Install a snapshot in an environment, replacing the one installed before in one
	 * step.
	 * @param environment the environment
	 * @param source the snapshot
	 * @return the snapshot it replaced, {@code null} when there was none
	 */
	public static MeshPolicyPropertySource install(ConfigurableEnvironment environment,
			MeshPolicyPropertySource source) {
		MutablePropertySources sources = environment.getPropertySources();
		PropertySource<?> previous = sources.get(NAME);
		if (previous != null) {
			sources.replace(NAME, source);
			return (previous instanceof MeshPolicyPropertySource snapshot) ? snapshot : null;
		}
		String lowestOverride = null;
		for (PropertySource<?> candidate : sources) {
			if (OVERRIDES.contains(candidate.getName())) {
				lowestOverride = candidate.getName();
			}
		}
		if (lowestOverride != null) {
			sources.addAfter(lowestOverride, source);
		}
		else {
			sources.addFirst(source);
		}
		return null;
	}

	/**
	 * Return the snapshot installed in an environment.
	 * @param environment the environment
	 * @return the snapshot, {@code null} when none is installed
	 */
	public static MeshPolicyPropertySource find(Environment environment) {
		if (environment instanceof ConfigurableEnvironment configurable
				&& configurable.getPropertySources().get(NAME) instanceof MeshPolicyPropertySource snapshot) {
			return snapshot;
		}
		return null;
	}

}
