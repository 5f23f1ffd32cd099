package dev.mesh.discovery;

import java.util.function.Consumer;

import org.springframework.core.Ordered;

import dev.mesh.policy.registry.RegistrySnapshot;

/**
 * One source of mesh instances: the control service's registry, Kubernetes
 * EndpointSlices, or the static entries of {@code application.yml}. {@link MeshEndpoints}
 * merges the sources per service: the first source in {@link #getOrder() order} that has
 * instances of a service supplies all of them. A source holds only routable (ready)
 * instances.
 */
public interface MeshDiscoverySource extends Ordered {

	/**
	 * Name of the source of the static entries.
	 */
	String STATIC = "static";

	/**
	 * Name of the source of Kubernetes EndpointSlices.
	 */
	String KUBERNETES = "kubernetes";

	/**
	 * Name of the source of the control service's registry.
	 */
	String REGISTRY = "registry";

	/**
	 * Order of the static entries: they win, being the app's own explicit configuration.
	 */
	int STATIC_ORDER = 100;

	/**
	 * Order of Kubernetes EndpointSlices: the platform's readiness view.
	 */
	int KUBERNETES_ORDER = 200;

	/**
	 * Order of the control service's registry.
	 */
	int REGISTRY_ORDER = 300;

	/**
	 * Return the name of the source, as shown in {@code /actuator/mesh} and in metrics.
	 * @return the name, such as {@code registry}, {@code kubernetes} or {@code static}
	 */
	String name();

	/**
	 * Return the routable instances this source knows, at the source's own revision.
	 * @return the snapshot, {@link RegistrySnapshot#EMPTY} before the source has any
	 */
	RegistrySnapshot snapshot();

	/**
	 * Return the state of the source's connection to where its instances come from.
	 * @return the status
	 */
	MeshEndpoints.WatchStatus status();

	/**
	 * Add a listener called with every new snapshot of this source.
	 * @param listener the listener
	 */
	void addListener(Consumer<RegistrySnapshot> listener);

}
