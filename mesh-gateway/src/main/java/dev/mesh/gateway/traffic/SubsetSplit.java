package dev.mesh.gateway.traffic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

/**
 * Splits a route's requests between subsets exactly by weight, and keeps users on one
 * subset when a sticky key identifies them.
 * <p>
 * Without a key the subsets take turns by a fixed schedule of 100 slots built with smooth
 * weighted round robin: every 100 consecutive requests give each subset exactly its
 * weight, spread evenly, and a subset of weight 0 gets nothing. With a key, the key's
 * bucket (0 to 99) picks the subset: the subsets, in the order of their names, own
 * consecutive ranges of buckets as wide as their weights. A subset at either end only
 * grows or shrinks at its inner edge, so when the weights move between two subsets, users
 * only move from the one that shrinks to the one that grows.
 */
public final class SubsetSplit {

	private final List<Destination> destinations;

	private final StickyKey sticky;

	private final int[] schedule;

	private final int[] buckets;

	private final AtomicLong turn = new AtomicLong();

	private final LongAdder[] chosen;

	/**
	 * Create a split.
	 * @param destinations the subsets with their weights, summing to 100
	 * @param sticky the key of a sticky split, {@code null} for none
	 */
	public SubsetSplit(List<Destination> destinations, StickyKey sticky) {
		Assert.notEmpty(destinations, "'destinations' must not be empty");
		Assert.isTrue(destinations.stream().mapToInt(Destination::weight).sum() == 100,
				"'destinations' weights must sum to 100");
		this.destinations = List.copyOf(destinations);
		this.sticky = sticky;
		this.schedule = schedule(this.destinations);
		this.buckets = buckets(this.destinations);
		this.chosen = new LongAdder[this.destinations.size()];
		for (int i = 0; i < this.chosen.length; i++) {
			this.chosen[i] = new LongAdder();
		}
	}

	/**
	 * Choose the subset of a request.
	 * @param request the request
	 * @return the destination
	 */
	public Destination choose(ServerHttpRequest request) {
		return choose((this.sticky != null) ? this.sticky.value(request) : null);
	}

	/**
	 * Choose the subset of an exchange, whose validated JWT may carry the sticky key.
	 * @param exchange the exchange
	 * @return the destination
	 */
	public Destination choose(ServerWebExchange exchange) {
		return choose((this.sticky != null) ? this.sticky.value(exchange) : null);
	}

	/**
	 * Choose the subset of a request by its sticky key.
	 * @param key the key, {@code null} for a request without one
	 * @return the destination
	 */
	public Destination choose(String key) {
		int index = (key != null) ? this.buckets[StickyKey.bucket(key)]
				: this.schedule[(int) Long.remainderUnsigned(this.turn.getAndIncrement(), this.schedule.length)];
		this.chosen[index].increment();
		return this.destinations.get(index);
	}

	/**
	 * Return the subset that owns a sticky bucket.
	 * @param bucket the bucket, from 0 to 99
	 * @return the destination
	 */
	public Destination owner(int bucket) {
		return this.destinations.get(this.buckets[bucket]);
	}

	/**
	 * Return the destinations, in the order of the route.
	 * @return the destinations
	 */
	public List<Destination> destinations() {
		return this.destinations;
	}

	/**
	 * Return the sticky key.
	 * @return the key, {@code null} when the split is not sticky
	 */
	public StickyKey sticky() {
		return this.sticky;
	}

	/**
	 * Return how many requests each destination was chosen for since the split was built.
	 * @return the counts, in the order of {@link #destinations()}
	 */
	public List<Long> counts() {
		List<Long> counts = new ArrayList<>(this.chosen.length);
		for (LongAdder adder : this.chosen) {
			counts.add(adder.sum());
		}
		return counts;
	}

	private static int[] schedule(List<Destination> destinations) {
		int[] schedule = new int[100];
		int[] current = new int[destinations.size()];
		for (int slot = 0; slot < schedule.length; slot++) {
			int best = -1;
			for (int i = 0; i < current.length; i++) {
				current[i] += destinations.get(i).weight();
				if (best < 0 || current[i] > current[best]) {
					best = i;
				}
			}
			current[best] -= 100;
			schedule[slot] = best;
		}
		return schedule;
	}

	private static int[] buckets(List<Destination> destinations) {
		List<Integer> byName = new ArrayList<>();
		for (int i = 0; i < destinations.size(); i++) {
			byName.add(i);
		}
		byName.sort(Comparator.comparing((index) -> destinations.get(index).name()));
		int[] buckets = new int[StickyKey.BUCKETS];
		int next = 0;
		for (int index : byName) {
			for (int w = 0; w < destinations.get(index).weight(); w++) {
				buckets[next++] = index;
			}
		}
		return buckets;
	}

}
