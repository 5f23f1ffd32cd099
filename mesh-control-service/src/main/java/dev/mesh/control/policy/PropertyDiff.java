package dev.mesh.control.policy;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a write changes in one workload's {@code mesh.*} properties.
 *
 * @param added properties that appear, with their values
 * @param removed properties that disappear, with their old values
 * @param changed properties whose value changes, with old and new values
 */
record PropertyDiff(Map<String, String> added, Map<String, String> removed, Map<String, Change> changed) {

	static PropertyDiff between(Map<String, String> before, Map<String, String> after) {
		Map<String, String> added = new TreeMap<>();
		Map<String, String> removed = new TreeMap<>();
		Map<String, Change> changed = new TreeMap<>();
		after.forEach((key, value) -> {
			String old = before.get(key);
			if (old == null) {
				added.put(key, value);
			}
			else if (!old.equals(value)) {
				changed.put(key, new Change(old, value));
			}
		});
		before.forEach((key, value) -> {
			if (!after.containsKey(key)) {
				removed.put(key, value);
			}
		});
		return new PropertyDiff(added, removed, changed);
	}

	boolean isEmpty() {
		return this.added.isEmpty() && this.removed.isEmpty() && this.changed.isEmpty();
	}

	/**
	 * A changed value.
	 *
	 * @param from the old value
	 * @param to the new value
	 */
	record Change(String from, String to) {

	}

}
