package dev.mesh.loadbalancer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.springframework.mock.env.MockEnvironment;

import dev.mesh.core.MeshPolicyState;
import dev.mesh.discovery.MeshEndpoints;
import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.policy.registry.RegistrySnapshot;

/**
 * A load balancer over instances the test sets, with policy from properties and a clock
 * the test moves.
 */
final class Balancers implements MeshEndpoints {

	static final String SERVICE = "catalog";

	final AtomicLong clock = new AtomicLong(1_000_000_000L);

	final List<String> ejections = new CopyOnWriteArrayList<>();

	private final List<Consumer<RegistrySnapshot>> listeners = new CopyOnWriteArrayList<>();

	private volatile RegistrySnapshot snapshot = RegistrySnapshot.EMPTY;

	final MeshLoadBalancer loadBalancer;

	private Balancers(String zone, String... properties) {
		MockEnvironment environment = new MockEnvironment();
		for (String property : properties) {
			int equals = property.indexOf('=');
			environment.setProperty(property.substring(0, equals), property.substring(equals + 1));
		}
		this.loadBalancer = new MeshLoadBalancer(this, new MeshPolicyState(environment), zone,
				(instance, duration, count) -> this.ejections.add(instance.instanceId() + " " + duration.toSeconds()),
				this.clock::get);
	}

	static Balancers of(String... properties) {
		return new Balancers("a", properties);
	}

	static Balancers inZone(String zone, String... properties) {
		return new Balancers(zone, properties);
	}

	Balancers instances(MeshInstance... instances) {
		this.snapshot = new RegistrySnapshot(this.snapshot.revision() + 1, Map.of(SERVICE, List.of(instances)));
		this.listeners.forEach((listener) -> listener.accept(this.snapshot));
		return this;
	}

	static MeshInstance instance(String id) {
		return instance(id, "v1", "a");
	}

	static MeshInstance instance(String id, String version, String zone) {
		return new MeshInstance(id, SERVICE, "127.0.0.1", 8000 + Math.abs(id.hashCode() % 1000), version, zone,
				Map.of());
	}

	static List<MeshInstance> many(int count) {
		List<MeshInstance> instances = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			instances.add(instance("catalog-" + i));
		}
		return instances;
	}

	Pick pick() {
		return pick(HashKeyValues.NONE);
	}

	Pick pick(HashKeyValues keys) {
		return this.loadBalancer.choose(SERVICE, null, keys);
	}

	void advance(Duration duration) {
		this.clock.addAndGet(duration.toNanos());
	}

	@Override
	public RegistrySnapshot snapshot() {
		return this.snapshot;
	}

	@Override
	public WatchStatus status() {
		return new WatchStatus(WatchStatus.State.CONNECTED, null, null);
	}

	@Override
	public void addListener(Consumer<RegistrySnapshot> listener) {
		this.listeners.add(listener);
	}

}
