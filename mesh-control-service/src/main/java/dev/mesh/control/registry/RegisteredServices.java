package dev.mesh.control.registry;

import java.util.Map;
import java.util.Set;

/**
 * What other features of the control service may know of the registry: the services and
 * instances registered right now.
 */
public interface RegisteredServices {

	/**
	 * Return the names of the services with at least one registered instance.
	 * @return the service names
	 */
	Set<String> serviceNames();

	/**
	 * Return the service of every registered instance.
	 * @return service names by instance id
	 */
	Map<String, String> instanceServices();

}
