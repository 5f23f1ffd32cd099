package dev.mesh.control.policy.store;

import java.time.Clock;

/**
 * A {@link PolicyStore} that keeps everything in memory and loses it on shutdown: for
 * tests, and for a control service that gets its policy from elsewhere on every start.
 */
public final class InMemoryPolicyStore extends AbstractPolicyStore {

	/**
	 * Create an empty store that dates revisions with the system clock.
	 */
	public InMemoryPolicyStore() {
		this(Clock.systemUTC());
	}

	/**
	 * Create an empty store.
	 * @param clock the clock that dates revisions
	 */
	public InMemoryPolicyStore(Clock clock) {
		super(clock, PolicySnapshot.EMPTY);
	}

	@Override
	void persist(StoredPolicy revision) {
	}

	@Override
	void release() {
	}

}
