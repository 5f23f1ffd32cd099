package dev.mesh.core;

import java.util.UUID;

import org.springframework.util.Assert;

/**
 * Identifier of this running instance of the workload, the same for its registration and
 * for its policy watch so that the control service can tell which instance applied which
 * policy.
 *
 * @param value the identifier, for example {@code catalog-1a2b3c4d}
 */
public record MeshInstanceId(String value) {

	public MeshInstanceId {
		Assert.hasText(value, "'value' must not be empty");
	}

	/**
	 * Generate a new identifier: the service name and eight random hexadecimal digits.
	 * @param service the service name
	 * @return the identifier
	 */
	public static MeshInstanceId generate(String service) {
		return new MeshInstanceId(service + "-" + UUID.randomUUID().toString().substring(0, 8));
	}

	@Override
	public String toString() {
		return this.value;
	}

}
