package dev.mesh.discovery;

import java.util.Map;

/**
 * Metadata a feature adds to this workload's registration, such as the mutual TLS mode
 * its server runs in. Asked at every registration and heartbeat: when the answer changes,
 * the workload registers again so that callers learn it.
 */
@FunctionalInterface
public interface MeshRegistrationMetadata {

	/**
	 * Return the metadata to register now.
	 * @return the entries, added to the workload's own metadata
	 */
	Map<String, String> metadata();

}
