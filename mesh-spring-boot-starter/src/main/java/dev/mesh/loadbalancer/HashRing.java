package dev.mesh.loadbalancer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A consistent-hash ring over a pool's instances: each instance owns many points, a key
 * belongs to the first point at or after its hash. Adding one of N instances moves only
 * about 1/N of the keys.
 */
final class HashRing {

	private static final int POINTS_PER_INSTANCE = 160;

	private static final int MAX_POINTS = 80_000;

	private final long[] points;

	private final int[] owners;

	private HashRing(long[] points, int[] owners) {
		this.points = points;
		this.owners = owners;
	}

	static HashRing of(InstanceStats[] members) {
		int perInstance = Math.max(16, Math.min(POINTS_PER_INSTANCE, MAX_POINTS / Math.max(1, members.length)));
		int size = perInstance * members.length;
		long[] hashes = new long[size];
		int k = 0;
		for (int i = 0; i < members.length; i++) {
			String id = members[i].instance().instanceId();
			for (int p = 0; p < perInstance; p++) {
				hashes[k] = hash(id + "#" + p);
				k++;
			}
		}
		Integer[] order = new Integer[size];
		for (int i = 0; i < size; i++) {
			order[i] = i;
		}
		Arrays.sort(order, (a, b) -> Long.compareUnsigned(hashes[a], hashes[b]));
		long[] points = new long[size];
		int[] owners = new int[size];
		for (int i = 0; i < size; i++) {
			points[i] = hashes[order[i]];
			owners[i] = order[i] / perInstance;
		}
		return new HashRing(points, owners);
	}

	/**
	 * Find the owner of a key: the first eligible instance at or after the key's point.
	 * @param key the key
	 * @param eligible which members may take calls, by index
	 * @return index of the owner, or -1 when no member is eligible
	 */
	int owner(String key, boolean[] eligible) {
		if (this.points.length == 0) {
			return -1;
		}
		long hash = hash(key);
		int start = firstAtOrAfter(hash);
		for (int i = 0; i < this.points.length; i++) {
			int owner = this.owners[(start + i) % this.points.length];
			if (eligible[owner]) {
				return owner;
			}
		}
		return -1;
	}

	private int firstAtOrAfter(long hash) {
		int low = 0;
		int high = this.points.length;
		while (low < high) {
			int mid = (low + high) >>> 1;
			if (Long.compareUnsigned(this.points[mid], hash) < 0) {
				low = mid + 1;
			}
			else {
				high = mid;
			}
		}
		return (low == this.points.length) ? 0 : low;
	}

	/**
	 * 64-bit FNV-1a over the UTF-8 bytes, finished with MurmurHash3's avalanche step so
	 * that similar keys land far apart.
	 * @param text the text to hash
	 * @return the hash
	 */
	static long hash(String text) {
		long hash = 0xcbf29ce484222325L;
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			hash ^= (b & 0xff);
			hash *= 0x100000001b3L;
		}
		hash ^= hash >>> 33;
		hash *= 0xff51afd7ed558ccdL;
		hash ^= hash >>> 33;
		hash *= 0xc4ceb9fe1a85ec53L;
		hash ^= hash >>> 33;
		return hash;
	}

}
