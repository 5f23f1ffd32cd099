package dev.mesh.control.workload;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.server.ServerRequest;

import dev.mesh.policy.ApiError;
import dev.mesh.policy.Violation;
import dev.mesh.policy.identity.SpiffeId;
import dev.mesh.policy.registry.MeshInstance;

/**
 * The caller of a workload endpoint, as {@link WorkloadAuthentication} established it: a
 * workload whose certificate proved its SPIFFE ID, or a holder of the shared workload
 * token, who proves no identity. A workload may act only for the service its certificate
 * names: by convention, the service account is the service name.
 *
 * @param spiffeId the verified identity, {@code null} for a caller with the workload
 * token
 */
public record WorkloadCaller(@Nullable SpiffeId spiffeId) {

	static final String ATTRIBUTE = WorkloadCaller.class.getName();

	/**
	 * A caller that presented the workload token and no certificate.
	 */
	public static final WorkloadCaller TOKEN = new WorkloadCaller(null);

	/**
	 * Return the caller of a request that passed {@link WorkloadAuthentication}.
	 * @param request the request
	 * @return the caller
	 * @throws IllegalStateException if the route is not behind the filter
	 */
	public static WorkloadCaller of(ServerRequest request) {
		Object caller = request.attributes().get(ATTRIBUTE);
		Assert.state(caller instanceof WorkloadCaller, "The route is not behind WorkloadAuthentication");
		return (WorkloadCaller) caller;
	}

	/**
	 * Return why this caller may not act for a service, or {@code null} when it may.
	 * @param service the service the request is for
	 * @param action what the request does, for the message, such as {@code register
	 * instances of}
	 * @return a 403 error naming the mismatch, or {@code null}
	 */
	public @Nullable ApiError refusal(String service, String action) {
		SpiffeId id = this.spiffeId;
		if (id == null || id.serviceAccount().equals(service)) {
			return null;
		}
		String account = id.serviceAccount();
		return new ApiError(403, "identity-mismatch",
				"the workload certificate names " + id + ": it may " + action + " service " + account + " only, not "
						+ service,
				List.of(new Violation("service", "must be " + account + ", the service account of the caller's "
						+ "certificate (the service account is the service name)")));
	}

	/**
	 * Whether this caller may renew, replace or remove an instance registered earlier:
	 * the instance was registered with the same verified identity, or, for a caller with
	 * the workload token, without any.
	 * @param instance the registered instance
	 * @return whether the caller owns it
	 */
	public boolean owns(MeshInstance instance) {
		String registered = instance.metadata().get(MeshInstance.SPIFFE_ID);
		SpiffeId id = this.spiffeId;
		return (id != null) ? id.toString().equals(registered) : registered == null;
	}

	/**
	 * Return an instance as this caller registers it: its {@link MeshInstance#SPIFFE_ID}
	 * metadata is the verified identity, or absent for a caller with the workload token,
	 * whatever the registration claimed.
	 * @param instance the instance built from the registration
	 * @return the instance to store
	 */
	public MeshInstance stamp(MeshInstance instance) {
		Map<String, String> metadata = new HashMap<>(instance.metadata());
		metadata.remove(MeshInstance.SPIFFE_ID);
		SpiffeId id = this.spiffeId;
		if (id != null) {
			metadata.put(MeshInstance.SPIFFE_ID, id.toString());
		}
		return new MeshInstance(instance.instanceId(), instance.service(), instance.address(), instance.port(),
				instance.version(), instance.zone(), metadata);
	}

	@Override
	public String toString() {
		SpiffeId id = this.spiffeId;
		return (id != null) ? id.toString() : "holder of the workload token";
	}

}
