package dev.mesh.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.util.StringUtils;

import dev.mesh.policy.Violation;
import dev.mesh.policy.registry.Registration;
import dev.mesh.policy.registry.RegistrationValidator;

/**
 * This workload's identity in the mesh, resolved and validated from
 * {@link MeshProperties}.
 *
 * @param service service name
 * @param version version label
 * @param zone locality zone
 * @param metadata further labels
 */
public record MeshWorkload(String service, String version, String zone, Map<String, String> metadata) {

	public MeshWorkload {
		metadata = Map.copyOf(metadata);
	}

	/**
	 * Resolve the workload from properties, failing with the property to fix when a value
	 * is invalid.
	 * @param properties the mesh properties
	 * @param applicationName value of {@code spring.application.name}, may be
	 * {@code null}
	 * @return the workload
	 * @throws IllegalStateException naming the invalid property
	 */
	public static MeshWorkload resolve(MeshProperties properties, String applicationName) {
		String service = StringUtils.hasText(properties.getService()) ? properties.getService() : applicationName;
		if (!StringUtils.hasText(service)) {
			throw new IllegalStateException(
					"The mesh needs a service name: set mesh.service or spring.application.name");
		}
		Registration probe = new Registration(null, service, "localhost", 1, properties.getVersion(),
				properties.getZone(), properties.getMetadata());
		List<String> problems = new ArrayList<>();
		for (Violation violation : RegistrationValidator.validate(probe)) {
			problems.add(propertyName(violation, properties) + " " + violation.message());
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("Invalid mesh configuration: " + String.join("; ", problems));
		}
		return new MeshWorkload(service, properties.getVersion(), properties.getZone(), properties.getMetadata());
	}

	private static String propertyName(Violation violation, MeshProperties properties) {
		if ("service".equals(violation.field()) && !StringUtils.hasText(properties.getService())) {
			return "spring.application.name";
		}
		return "mesh." + violation.field();
	}

	/**
	 * Return {@code service@version}, the label used in call chains.
	 * @return the label
	 */
	public String label() {
		return this.service + "@" + this.version;
	}

}
