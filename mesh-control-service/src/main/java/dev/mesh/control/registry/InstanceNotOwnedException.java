package dev.mesh.control.registry;

import dev.mesh.policy.registry.MeshInstance;

/**
 * A caller tried to replace, renew or remove an instance registered by another workload.
 */
class InstanceNotOwnedException extends RuntimeException {

	private final MeshInstance instance;

	InstanceNotOwnedException(MeshInstance instance) {
		super("instance " + instance.instanceId() + " was registered by another workload");
		this.instance = instance;
	}

	MeshInstance instance() {
		return this.instance;
	}

}
