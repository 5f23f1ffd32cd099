package dev.mesh.control.policy.store;

import java.time.Clock;

class InMemoryPolicyStoreTests extends AbstractPolicyStoreTests {

	@Override
	PolicyStore createStore(Clock clock) {
		return new InMemoryPolicyStore(clock);
	}

}
