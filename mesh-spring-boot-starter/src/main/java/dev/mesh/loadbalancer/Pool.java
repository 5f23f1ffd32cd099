package dev.mesh.loadbalancer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mesh.policy.spec.LoadBalancerAlgorithm;

/**
 * The instances of one subset of a destination and the algorithm that picks among them.
 * Which members are candidates (not ejected, in the caller's zone when locality holds) is
 * computed once per change of ejections, not per pick, so a pick costs O(1) (O(log n) for
 * the ring).
 */
final class Pool {

	private final InstanceStats[] members;

	private final LoadBalancingSettings settings;

	private final String callerZone;

	private final AtomicInteger next;

	private volatile Candidates candidates;

	private volatile HashRing ring;

	Pool(InstanceStats[] members, LoadBalancingSettings settings, String callerZone, AtomicInteger next) {
		this.members = members;
		this.next = next;
		this.settings = settings;
		this.callerZone = callerZone;
	}

	boolean isEmpty() {
		return this.members.length == 0;
	}

	/**
	 * Pick a candidate; when it is one to avoid, take the next candidate that is not,
	 * from a random starting point, or the first pick when every candidate is to be
	 * avoided.
	 */
	InstanceStats pick(HashKeyValues keys, int epoch, long now, Collection<String> avoid) {
		InstanceStats chosen = pick(keys, epoch, now);
		if (avoid.isEmpty() || chosen == null || !avoid.contains(chosen.instance().instanceId())) {
			return chosen;
		}
		InstanceStats[] list = candidates(epoch, now).list();
		int start = ThreadLocalRandom.current().nextInt(list.length);
		for (int i = 0; i < list.length; i++) {
			InstanceStats candidate = list[(start + i) % list.length];
			if (!avoid.contains(candidate.instance().instanceId())) {
				return candidate;
			}
		}
		return chosen;
	}

	InstanceStats pick(HashKeyValues keys, int epoch, long now) {
		Candidates current = candidates(epoch, now);
		InstanceStats[] list = current.list();
		int size = list.length;
		if (size == 0) {
			return null;
		}
		if (size == 1) {
			return list[0];
		}
		return switch (this.settings.algorithm()) {
			case RANDOM -> list[ThreadLocalRandom.current().nextInt(size)];
			case LEAST_REQUEST, LATENCY_AWARE -> twoChoices(list, now);
			case RING_HASH -> hashed(keys, current);
			default -> list[Math.floorMod(this.next.getAndIncrement(), size)];
		};
	}

	/**
	 * Power of two choices: the less loaded of two distinct random candidates, by calls
	 * in flight or by latency-weighted cost.
	 */
	private InstanceStats twoChoices(InstanceStats[] list, long now) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int first = random.nextInt(list.length);
		int second = random.nextInt(list.length - 1);
		if (second >= first) {
			second++;
		}
		InstanceStats a = list[first];
		InstanceStats b = list[second];
		if (this.settings.algorithm() == LoadBalancerAlgorithm.LEAST_REQUEST) {
			return (b.inFlight() < a.inFlight()) ? b : a;
		}
		return (b.cost(now) < a.cost(now)) ? b : a;
	}

	private InstanceStats hashed(HashKeyValues keys, Candidates current) {
		String key = (this.settings.hashKey() != null) ? keys.value(this.settings.hashKey()) : null;
		InstanceStats[] list = current.list();
		if (key == null) {
			return list[ThreadLocalRandom.current().nextInt(list.length)];
		}
		int owner = ring().owner(key, current.eligible());
		return (owner >= 0) ? this.members[owner] : list[0];
	}

	private HashRing ring() {
		HashRing current = this.ring;
		if (current == null) {
			current = HashRing.of(this.members);
			this.ring = current;
		}
		return current;
	}

	private Candidates candidates(int epoch, long now) {
		Candidates current = this.candidates;
		if (current == null || current.epoch() != epoch
				|| (current.validUntil() != 0 && now - current.validUntil() >= 0)) {
			current = compute(epoch, now);
			this.candidates = current;
		}
		return current;
	}

	/**
	 * Work out the candidates: members not ejected (all members when every one is, rather
	 * than failing every call), narrowed to the caller's zone while enough of it is
	 * healthy.
	 */
	private Candidates compute(int epoch, long now) {
		boolean[] eligible = new boolean[this.members.length];
		List<InstanceStats> healthy = new ArrayList<>();
		List<InstanceStats> local = new ArrayList<>();
		int localMembers = 0;
		long validUntil = 0;
		for (int i = 0; i < this.members.length; i++) {
			InstanceStats member = this.members[i];
			boolean inZone = this.settings.locality() && member.instance().zone().equals(this.callerZone);
			localMembers += inZone ? 1 : 0;
			if (member.isEjected(now)) {
				long until = member.ejectedUntil();
				validUntil = (validUntil == 0 || until - validUntil < 0) ? until : validUntil;
				continue;
			}
			eligible[i] = true;
			healthy.add(member);
			if (inZone) {
				local.add(member);
			}
		}
		if (healthy.isEmpty()) {
			java.util.Arrays.fill(eligible, true);
			return new Candidates(epoch, validUntil, this.members.clone(), eligible, false);
		}
		boolean stayLocal = !local.isEmpty() && local.size() * 100 >= this.settings.minHealthyPercent() * localMembers;
		List<InstanceStats> chosen = stayLocal ? local : healthy;
		return new Candidates(epoch, validUntil, chosen.toArray(new InstanceStats[0]), eligible, stayLocal);
	}

	boolean isLocal(int epoch, long now) {
		return candidates(epoch, now).local();
	}

	private record Candidates(int epoch, long validUntil, InstanceStats[] list, boolean[] eligible, boolean local) {

	}

}
