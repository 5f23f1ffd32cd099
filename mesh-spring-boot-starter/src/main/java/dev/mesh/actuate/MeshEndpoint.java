package dev.mesh.actuate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.core.env.Environment;

import dev.mesh.authz.AuthorizationDescriptor;
import dev.mesh.authz.MeshAuthorization;
import dev.mesh.core.AppliedPolicy;
import dev.mesh.core.EventStreamWatcher;
import dev.mesh.core.MeshPolicyState;
import dev.mesh.core.MeshWorkload;
import dev.mesh.discovery.MeshDiscoverySource;
import dev.mesh.discovery.MeshEndpoints;
import dev.mesh.discovery.MeshRegistration;
import dev.mesh.identity.MeshIdentity;
import dev.mesh.loadbalancer.MeshLoadBalancer;
import dev.mesh.mtls.ServerMtls;
import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.policy.registry.RegistrySnapshot;
import dev.mesh.resilience.MeshResilience;
import dev.mesh.resilience.ResilienceState;
import dev.mesh.sync.MeshPolicySync;

/**
 * {@code /actuator/mesh}: this workload's identity, its registration, the state of its
 * link to the control service, its discovery sources, every destination it knows with
 * their instances, and the policy it runs with.
 */
@Endpoint(id = "mesh")
public class MeshEndpoint {

	private final MeshWorkload workload;

	private final ObjectProvider<MeshRegistration> registration;

	private final ObjectProvider<MeshEndpoints> endpoints;

	private final MeshPolicyState policy;

	private final ObjectProvider<MeshPolicySync> sync;

	private final Environment environment;

	private final ObjectProvider<MeshLoadBalancer> loadBalancer;

	private final ObjectProvider<MeshResilience> resilience;

	private final ObjectProvider<MeshIdentity> identity;

	private final ObjectProvider<ServerMtls> mtls;

	private final ObjectProvider<MeshAuthorization> authorization;

	private final ObjectProvider<MeshEndpointSection> sections;

	/**
	 * Create a new endpoint.
	 * @param workload this workload
	 * @param registration its registration, if it registers
	 * @param endpoints its view of the mesh, if it is connected to a control service
	 * @param policy the policy it runs with
	 * @param sync the delivery of its policy, if the control service delivers it
	 * @param environment its environment, whose {@code mesh.*} properties are shown
	 * @param loadBalancer its load balancer, if it calls mesh services
	 * @param resilience its resilience chain
	 * @param identity its workload identity, if enabled
	 * @param mtls its server's mutual TLS
	 * @param authorization its authorization of inbound requests, if enabled
	 * @param sections sections other modules add
	 */
	public MeshEndpoint(MeshWorkload workload, ObjectProvider<MeshRegistration> registration,
			ObjectProvider<MeshEndpoints> endpoints, MeshPolicyState policy, ObjectProvider<MeshPolicySync> sync,
			Environment environment, ObjectProvider<MeshLoadBalancer> loadBalancer,
			ObjectProvider<MeshResilience> resilience, ObjectProvider<MeshIdentity> identity,
			ObjectProvider<ServerMtls> mtls, ObjectProvider<MeshAuthorization> authorization,
			ObjectProvider<MeshEndpointSection> sections) {
		this.workload = workload;
		this.registration = registration;
		this.endpoints = endpoints;
		this.policy = policy;
		this.sync = sync;
		this.environment = environment;
		this.loadBalancer = loadBalancer;
		this.resilience = resilience;
		this.identity = identity;
		this.mtls = mtls;
		this.authorization = authorization;
		this.sections = sections;
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
		MeshLoadBalancer balancer = this.loadBalancer.getIfAvailable();
		MeshResilience chain = this.resilience.getIfAvailable();
		MeshAuthorization authz = this.authorization.getIfAvailable();
		ServerMtls serverMtls = this.mtls.getIfAvailable();
		return new MeshDescriptor(workload(), IdentityDescriptor.of(this.identity.getIfAvailable(), serverMtls),
				registration(), controlPlane(view, snapshot), DiscoveryDescriptor.of(view), destinations, policy(),
				(balancer != null) ? balancer.describe() : List.of(), (chain != null) ? chain.describe() : List.of(),
				TlsDescriptor.of(serverMtls), (authz != null) ? authz.describe() : AuthorizationDescriptor.DISABLED,
				sections());
	}

	private Map<String, Object> sections() {
		Map<String, Object> described = new LinkedHashMap<>();
		this.sections.orderedStream().forEach((section) -> described.put(section.name(), section.describe()));
		return described;
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
		MeshDiscoverySource registry = DiscoveryDescriptor.source(view, MeshDiscoverySource.REGISTRY);
		if (registry != null) {
			MeshEndpoints.WatchStatus status = registry.status();
			return new ControlPlaneDescriptor(status.state().name(), registry.snapshot().revision(),
					status.lastUpdate(), status.lastError());
		}
		if (view == null || !view.sources().isEmpty()) {
			return new ControlPlaneDescriptor("DISABLED", 0, null, null);
		}
		MeshEndpoints.WatchStatus status = view.status();
		return new ControlPlaneDescriptor(status.state().name(), snapshot.revision(), status.lastUpdate(),
				status.lastError());
	}

	private PolicyDescriptor policy() {
		AppliedPolicy current = this.policy.current();
		MeshPolicySync delivery = this.sync.getIfAvailable();
		EventStreamWatcher.Status status = (delivery != null) ? delivery.status() : null;
		return new PolicyDescriptor(current.version(), current.source(), current.appliedAt(),
				(status != null) ? status.state().name() : "DISABLED", (status != null) ? status.lastError() : null,
				(delivery != null) ? delivery.lastRejection() : null, EffectiveProperties.of(this.environment));
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
	 * @param identity its workload identity: SPIFFE ID and certificate
	 * @param registration its registration
	 * @param controlPlane its link to the control service
	 * @param discovery its discovery sources and what each supplies
	 * @param destinations known services with their instances
	 * @param policy the policy it runs with
	 * @param loadBalancing per destination called so far: the algorithm, locality,
	 * cohort, and each instance's calls in flight, latency average, failures and ejection
	 * @param resilience per destination called so far: circuit breaker state, retry
	 * budget left and bulkhead use
	 * @param tls mutual TLS: the server's mode and the handshakes of both sides
	 * @param authorization access policies in force and the decisions they made
	 * @param sections the sections other modules add, each shown under its name
	 */
	public record MeshDescriptor(WorkloadDescriptor workload, IdentityDescriptor identity,
			RegistrationDescriptor registration, ControlPlaneDescriptor controlPlane, DiscoveryDescriptor discovery,
			Map<String, List<InstanceDescriptor>> destinations, PolicyDescriptor policy,
			List<MeshLoadBalancer.DestinationState> loadBalancing, List<ResilienceState> resilience, TlsDescriptor tls,
			AuthorizationDescriptor authorization, @JsonAnyGetter Map<String, Object> sections) {

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

	/**
	 * The policy this workload runs with.
	 *
	 * @param version version of the applied snapshot, {@code -1} when there is none
	 * @param source where it came from: {@code application}, {@code control-service} or
	 * {@code disk-cache}
	 * @param appliedAt when it was applied
	 * @param watchState state of the policy watch stream, {@code DISABLED} without one
	 * @param lastError why the stream last failed
	 * @param lastRejection the last snapshot rejected, and why
	 * @param properties every {@code mesh.*} property with its winning value and the
	 * property source it comes from
	 */
	public record PolicyDescriptor(long version, String source, Instant appliedAt, String watchState, String lastError,
			MeshPolicySync.Rejection lastRejection, Map<String, PropertyDescriptor> properties) {

	}

	/**
	 * The effective value of one property.
	 *
	 * @param value the value, masked for credentials
	 * @param source name of the property source it comes from
	 */
	public record PropertyDescriptor(String value, String source) {

	}

}
