package dev.mesh.actuate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

import dev.mesh.core.MeshWorkload;
import dev.mesh.discovery.MeshEndpoints;
import dev.mesh.discovery.MeshRegistration;
import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.policy.registry.RegistrySnapshot;

/**
 * {@code /actuator/mesh}: this workload's identity, its registration, the state of its
 * link to the control service and every destination it knows with their instances.
 */
@Endpoint(id = "mesh")
public class MeshEndpoint {

	private final MeshWorkload workload;

	private final ObjectProvider<MeshRegistration> registration;

	private final ObjectProvider<MeshEndpoints> endpoints;

	/**
	 * Create a new endpoint.
	 * @param workload this workload
	 * @param registration its registration, if it registers
	 * @param endpoints its view of the mesh, if it is connected to a control service
	 */
	public MeshEndpoint(MeshWorkload workload, ObjectProvider<MeshRegistration> registration,
			ObjectProvider<MeshEndpoints> endpoints) {
		this.workload = workload;
		this.registration = registration;
		this.endpoints = endpoints;
	}

	/**
	 * Describe this workload and its view of the mesh.
	 * @return the description
	 */
	@ReadOperation
	public MeshDescriptor mesh() {
		MeshEndpoints view = this.endpoints.getIfAvailable();
		RegistrySnapshot snapshot = (view != null) ? view.snapshot() : RegistrySnapshot.EMPTY;
		Map<String, List<InstanceDescriptor>> destinations = new LinkedHashMap<>();
		snapshot.services().forEach((service, instances) -> destinations.put(service, describe(instances)));
		return new MeshDescriptor(workload(), registration(), controlPlane(view, snapshot), destinations);
	}

	/**
	 * Describe the instances of one destination.
	 * @param service the destination service
	 * @return its instances, empty when none is known
	 */
	@ReadOperation
	public List<InstanceDescriptor> destination(@Selector String service) {
		MeshEndpoints view = this.endpoints.getIfAvailable();
		return (view != null) ? describe(view.instances(service)) : List.of();
	}

	private WorkloadDescriptor workload() {
		return new WorkloadDescriptor(this.workload.service(), this.workload.version(), this.workload.zone(),
				this.workload.metadata());
	}

	private RegistrationDescriptor registration() {
		MeshRegistration current = this.registration.getIfAvailable();
		if (current == null) {
			return new RegistrationDescriptor("DISABLED", null, null, null, null);
		}
		MeshInstance instance = current.instance();
		return new RegistrationDescriptor(current.state().name(), (instance != null) ? instance.instanceId() : null,
				(instance != null) ? instance.address() : null, (instance != null) ? instance.port() : null,
				current.lastError());
	}

	private ControlPlaneDescriptor controlPlane(MeshEndpoints view, RegistrySnapshot snapshot) {
		if (view == null) {
			return new ControlPlaneDescriptor("DISABLED", 0, null, null);
		}
		MeshEndpoints.WatchStatus status = view.status();
		return new ControlPlaneDescriptor(status.state().name(), snapshot.revision(), status.lastUpdate(),
				status.lastError());
	}

	private static List<InstanceDescriptor> describe(List<MeshInstance> instances) {
		return instances.stream()
			.map((instance) -> new InstanceDescriptor(instance.instanceId(), instance.address(), instance.port(),
					instance.version(), instance.zone(), instance.metadata()))
			.toList();
	}

	/**
	 * Everything the endpoint shows.
	 *
	 * @param workload this workload's identity
	 * @param registration its registration
	 * @param controlPlane its link to the control service
	 * @param destinations known services with their instances
	 */
	public record MeshDescriptor(WorkloadDescriptor workload, RegistrationDescriptor registration,
			ControlPlaneDescriptor controlPlane, Map<String, List<InstanceDescriptor>> destinations) {

	}

	/**
	 * Identity of this workload.
	 *
	 * @param service service name
	 * @param version version label
	 * @param zone locality zone
	 * @param metadata further labels
	 */
	public record WorkloadDescriptor(String service, String version, String zone, Map<String, String> metadata) {

	}

	/**
	 * This workload's registration.
	 *
	 * @param state registration state
	 * @param instanceId instance id
	 * @param address registered address
	 * @param port registered port
	 * @param lastError why the last attempt failed
	 */
	public record RegistrationDescriptor(String state, String instanceId, String address, Integer port,
			String lastError) {

	}

	/**
	 * This workload's link to the control service.
	 *
	 * @param state watch stream state
	 * @param revision revision of the last snapshot received
	 * @param lastUpdate when it arrived
	 * @param lastError why the stream last failed
	 */
	public record ControlPlaneDescriptor(String state, long revision, Instant lastUpdate, String lastError) {

	}

	/**
	 * One instance of a destination.
	 *
	 * @param instanceId instance id
	 * @param address address
	 * @param port port
	 * @param version version label
	 * @param zone locality zone
	 * @param metadata further labels
	 */
	public record InstanceDescriptor(String instanceId, String address, int port, String version, String zone,
			Map<String, String> metadata) {

	}

}
