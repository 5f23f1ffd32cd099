package dev.mesh.bench.probe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.util.Assert;

/**
 * One program of a path and its process ids: nginx and haproxy are a master and workers,
 * measured together.
 *
 * @param name the program's role in the path
 * @param pids its process ids
 */
public record ProcessGroup(String name, List<Long> pids) {

	public ProcessGroup {
		Assert.hasText(name, "'name' must not be empty");
		Assert.notEmpty(pids, "'pids' must not be empty");
		pids = List.copyOf(pids);
	}

	/**
	 * Parse a list such as {@code caller=101,sidecar-out=102+103}.
	 * @param spec comma-separated {@code name=pid[+pid…]} entries; may be empty
	 * @return the groups
	 * @throws IllegalArgumentException if an entry is malformed
	 */
	public static List<ProcessGroup> parse(String spec) {
		List<ProcessGroup> groups = new ArrayList<>();
		if (spec == null || spec.isBlank()) {
			return groups;
		}
		for (String entry : spec.split(",")) {
			int equals = entry.indexOf('=');
			if (equals <= 0 || equals == entry.length() - 1) {
				throw new IllegalArgumentException("Expected name=pid[+pid...] but got '" + entry + "'");
			}
			List<Long> pids = Arrays.stream(entry.substring(equals + 1).split("\\+"))
				.map(String::trim)
				.map(Long::valueOf)
				.toList();
			groups.add(new ProcessGroup(entry.substring(0, equals).trim(), pids));
		}
		return groups;
	}

}
