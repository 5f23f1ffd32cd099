package dev.mesh.policy.document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.mesh.policy.Violation;

/**
 * Reads a policy document: checks its envelope ({@code apiVersion}, {@code kind},
 * {@code metadata}, {@code spec}), renders the spec to properties, binds them to the
 * kind's schema type exactly as an application binds {@code mesh.*}, and validates the
 * values. Every problem found is reported at once, each named by its field path.
 */
public final class PolicyReader {

	private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

	private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "metadata", "spec");

	private static final Set<String> METADATA_FIELDS = Set.of("name", "namespace");

	private PolicyReader() {
	}

	/**
	 * Parse and read a document.
	 * @param body the document
	 * @param format its format
	 * @return the valid document
	 * @throws PolicyViolationException listing everything that is wrong
	 */
	public static PolicyDocument read(byte[] body, PolicyFormat format) {
		return read(PolicyParser.parse(body, format));
	}

	/**
	 * Read a parsed document.
	 * @param tree the document tree
	 * @return the valid document
	 * @throws PolicyViolationException listing everything that is wrong
	 */
	public static PolicyDocument read(Map<String, Object> tree) {
		List<Violation> violations = new ArrayList<>();
		tree.keySet()
			.stream()
			.filter((field) -> !FIELDS.contains(field))
			.sorted()
			.forEach((field) -> violations
				.add(new Violation(field, "is not a field of a policy document (apiVersion, kind, metadata, spec)")));
		Object apiVersion = tree.get("apiVersion");
		if (apiVersion == null) {
			violations.add(new Violation("apiVersion", "is required: " + PolicyDocument.API_VERSION));
		}
		else if (!PolicyDocument.API_VERSION.equals(apiVersion)) {
			violations.add(new Violation("apiVersion",
					"'" + apiVersion + "' is not supported: use " + PolicyDocument.API_VERSION));
		}
		PolicyKind kind = kind(tree.get("kind"), violations);
		String name = null;
		String namespace = PolicyDocument.DEFAULT_NAMESPACE;
		if (tree.get("metadata") instanceof Map<?, ?> metadata) {
			metadata.keySet()
				.stream()
				.map(String::valueOf)
				.filter((field) -> !METADATA_FIELDS.contains(field))
				.sorted()
				.forEach((field) -> violations.add(new Violation("metadata." + field, "is not a metadata field")));
			name = name(metadata.get("name"), "metadata.name", true, violations);
			String given = name(metadata.get("namespace"), "metadata.namespace", false, violations);
			namespace = (given != null) ? given : namespace;
		}
		else {
			violations.add(new Violation("metadata", "is required, with a name"));
		}
		Object spec = tree.get("spec");
		if (!(spec instanceof Map<?, ?>)) {
			violations.add(new Violation("spec", (spec != null) ? "must be an object" : "is required"));
		}
		if (kind == null || !(spec instanceof Map<?, ?>)) {
			throw new PolicyViolationException(violations);
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> specTree = (Map<String, Object>) spec;
		PropertyRenderer renderer = new PropertyRenderer(violations).render(specTree, kind.specType(), "spec");
		Object bound = null;
		if (violations.isEmpty()) {
			bound = SpecBinder.bind(prefixed(renderer.properties()), "spec", kind.specType(), prefixedPaths(renderer),
					violations);
		}
		if (bound != null) {
			new SpecValidator(violations).validate(kind, bound);
		}
		if (!violations.isEmpty()) {
			throw new PolicyViolationException(violations);
		}
		return new PolicyDocument(kind, namespace, name, specTree, bound, renderer.properties());
	}

	private static PolicyKind kind(Object value, List<Violation> violations) {
		if (value == null) {
			violations.add(new Violation("kind", "is required: " + kinds()));
			return null;
		}
		PolicyKind kind = PolicyKind.of(String.valueOf(value));
		if (kind == null) {
			violations.add(new Violation("kind", "'" + value + "' is not a kind of policy: " + kinds()));
		}
		return kind;
	}

	private static String name(Object value, String field, boolean required, List<Violation> violations) {
		if (value == null) {
			if (required) {
				violations.add(new Violation(field, "is required"));
			}
			return null;
		}
		String name = String.valueOf(value);
		if (!(value instanceof String) || !NAME.matcher(name).matches()) {
			violations.add(new Violation(field, "'" + name
					+ "' must be 1-63 lower-case letters, digits and '-', starting and ending with a letter or digit"));
			return null;
		}
		return name;
	}

	private static String kinds() {
		List<String> names = new ArrayList<>();
		for (PolicyKind kind : PolicyKind.values()) {
			names.add(kind.kindName());
		}
		return String.join(", ", names);
	}

	private static Map<String, String> prefixed(Map<String, String> properties) {
		Map<String, String> result = new LinkedHashMap<>();
		properties.forEach((key, value) -> result.put("spec." + key, value));
		return result;
	}

	private static Map<String, String> prefixedPaths(PropertyRenderer renderer) {
		Map<String, String> result = new LinkedHashMap<>();
		renderer.paths().forEach((key, path) -> result.put("spec." + key, path));
		return result;
	}

}
