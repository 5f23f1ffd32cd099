package dev.mesh.observability;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;

import dev.mesh.core.MeshPolicyState;
import dev.mesh.sync.MeshPolicySync;

/**
 * Meters of the policy the workload runs with: its version and how many pushed snapshots
 * were applied and rejected.
 */
class PolicyMetrics implements MeterBinder {

	private final MeshPolicyState policy;

	private final ObjectProvider<MeshPolicySync> sync;

	PolicyMetrics(MeshPolicyState policy, ObjectProvider<MeshPolicySync> sync) {
		this.policy = policy;
		this.sync = sync;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("mesh.policy.version", this.policy, (state) -> state.current().version())
			.description("Version of the applied policy snapshot, -1 when there is none")
			.register(registry);
		MeshPolicySync delivery = this.sync.getIfAvailable();
		if (delivery == null) {
			return;
		}
		FunctionCounter.builder("mesh.policy.applied", delivery, MeshPolicySync::appliedCount)
			.description("Policy snapshots from the control service applied")
			.register(registry);
		FunctionCounter.builder("mesh.policy.rejected", delivery, MeshPolicySync::rejectedCount)
			.description("Policy snapshots from the control service rejected")
			.register(registry);
	}

}
