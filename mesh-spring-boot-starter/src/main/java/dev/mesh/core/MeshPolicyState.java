package dev.mesh.core;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

import dev.mesh.policy.document.WorkloadSnapshots;
import dev.mesh.policy.spec.MeshPolicy;

/**
 * The policy this workload runs with, rebuilt whenever the environment changes (a pushed
 * snapshot, a refresh) and swapped in atomically. {@link #current()} is lock-free, so a
 * request reads one consistent policy from start to end; components that keep state
 * derived from the policy rebuild it in a {@link #addListener listener}.
 * <p>
 * The policy is bound from every property source of the environment, without placeholder
 * resolution: nothing in a policy value is ever evaluated.
 */
public class MeshPolicyState implements ApplicationListener<EnvironmentChangeEvent> {

	private static final Log logger = LogFactory.getLog(MeshPolicyState.class);

	private final ConfigurableEnvironment environment;

	private final Clock clock;

	private final AtomicReference<AppliedPolicy> current = new AtomicReference<>();

	private final List<Consumer<AppliedPolicy>> listeners = new CopyOnWriteArrayList<>();

	/**
	 * Create the state, binding the policy the environment holds now.
	 * @param environment the environment
	 * @throws org.springframework.boot.context.properties.bind.BindException when the
	 * application's own policy properties do not bind
	 */
	public MeshPolicyState(ConfigurableEnvironment environment) {
		this(environment, Clock.systemUTC());
	}

	MeshPolicyState(ConfigurableEnvironment environment, Clock clock) {
		this.environment = environment;
		this.clock = clock;
		this.current.set(build());
	}

	/**
	 * Return the policy in force.
	 * @return the policy
	 */
	public AppliedPolicy current() {
		return this.current.get();
	}

	/**
	 * Add a listener called, on the thread that changed the environment, with every newly
	 * built policy.
	 * @param listener the listener
	 */
	public void addListener(Consumer<AppliedPolicy> listener) {
		this.listeners.add(listener);
	}

	@Override
	public void onApplicationEvent(EnvironmentChangeEvent event) {
		refresh();
	}

	/**
	 * Rebuild the policy from the environment and swap it in. When the environment no
	 * longer binds, the policy in force stays.
	 */
	public synchronized void refresh() {
		AppliedPolicy policy;
		try {
			policy = build();
		}
		catch (RuntimeException ex) {
			logger.warn("Keeping policy version " + this.current.get().version()
					+ ": the changed environment does not bind (" + ex.getMessage() + ")");
			return;
		}
		this.current.set(policy);
		for (Consumer<AppliedPolicy> listener : this.listeners) {
			try {
				listener.accept(policy);
			}
			catch (RuntimeException ex) {
				logger.warn("Mesh policy listener failed", ex);
			}
		}
	}

	private AppliedPolicy build() {
		Binder binder = new Binder(ConfigurationPropertySources.get(this.environment), null,
				ApplicationConversionService.getSharedInstance());
		MeshPolicy policy = binder.bindOrCreate(WorkloadSnapshots.PREFIX, Bindable.of(MeshPolicy.class));
		MeshPolicyPropertySource snapshot = MeshPolicyPropertySource.find(this.environment);
		if (snapshot == null) {
			return new AppliedPolicy(policy, -1, AppliedPolicy.APPLICATION, this.clock.instant());
		}
		return new AppliedPolicy(policy, snapshot.getVersion(), snapshot.getPolicySource(), snapshot.getAppliedAt());
	}

}
