package dev.mesh.policy.document;

import dev.mesh.policy.spec.AccessPolicySpec;
import dev.mesh.policy.spec.GatewayRouteSpec;
import dev.mesh.policy.spec.MeshConfigSpec;
import dev.mesh.policy.spec.ServicePolicySpec;

/**
 * Kinds of policy document, each with the schema type of its {@code spec}.
 */
public enum PolicyKind {

	/**
	 * Mesh-wide defaults: trust domain, mutual TLS, default traffic settings.
	 */
	MESH_CONFIG("MeshConfig", MeshConfigSpec.class),

	/**
	 * Policy of one destination service, named by the document.
	 */
	SERVICE_POLICY("ServicePolicy", ServicePolicySpec.class),

	/**
	 * Who may call a service.
	 */
	ACCESS_POLICY("AccessPolicy", AccessPolicySpec.class),

	/**
	 * An ingress route of a gateway.
	 */
	GATEWAY_ROUTE("GatewayRoute", GatewayRouteSpec.class);

	private final String kindName;

	private final Class<?> specType;

	PolicyKind(String kindName, Class<?> specType) {
		this.kindName = kindName;
		this.specType = specType;
	}

	/**
	 * Return the name used in documents, such as {@code ServicePolicy}.
	 * @return the kind name
	 */
	public String kindName() {
		return this.kindName;
	}

	/**
	 * Return the schema type of the spec.
	 * @return the spec type
	 */
	public Class<?> specType() {
		return this.specType;
	}

	/**
	 * Find a kind by its document name.
	 * @param name the name, such as {@code ServicePolicy}
	 * @return the kind, or {@code null} when there is none
	 */
	public static PolicyKind of(String name) {
		for (PolicyKind kind : values()) {
			if (kind.kindName.equals(name)) {
				return kind;
			}
		}
		return null;
	}

}
