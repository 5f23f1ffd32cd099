package dev.mesh.actuate;

/**
 * A section that another module (the gateway, say) adds to {@code /actuator/mesh}, under
 * its own name beside the starter's sections.
 */
public interface MeshEndpointSection {

	/**
	 * Return the name of the section.
	 * @return the name, such as {@code gateway}
	 */
	String name();

	/**
	 * Describe what the section shows, now.
	 * @return an immutable description, serialized as JSON
	 */
	Object describe();

}
