package dev.mesh.gateway.direct;

import dev.mesh.actuate.MeshEndpointSection;

/**
 * The {@code gatewayDirect} section of {@code /actuator/mesh}: whether direct forwarding
 * serves requests (and why not), how many it served, and how each mesh route is served.
 * Read only.
 */
final class DirectEndpointSection implements MeshEndpointSection {

	private final DirectForwarding direct;

	DirectEndpointSection(DirectForwarding direct) {
		this.direct = direct;
	}

	@Override
	public String name() {
		return "gatewayDirect";
	}

	@Override
	public DirectForwarding.DirectDescriptor describe() {
		return this.direct.describe();
	}

}
