package dev.mesh.policy.document;

import java.beans.PropertyDescriptor;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.BeanUtils;
import org.springframework.core.ResolvableType;
import org.springframework.util.unit.DataSize;

import dev.mesh.policy.Violation;

/**
 * Renders a document tree to {@code mesh.*}-style properties, guided by the schema's
 * JavaBean types: bean fields become kebab-case segments ({@code perTryTimeout} becomes
 * {@code per-try-timeout}), map keys become bracketed segments, list items indexed
 * segments. Every field the schema does not have, every structure where a value belongs
 * (and the reverse), and every {@code #&#123;} or {@code $&#123;} is reported with its
 * field path; values themselves are converted later by the binder, exactly as in an
 * application.
 */
final class PropertyRenderer {

	private static final int MAX_MAP_KEY_LENGTH = 253;

	private final Map<String, String> properties = new LinkedHashMap<>();

	private final Map<String, String> paths = new LinkedHashMap<>();

	private final List<Violation> violations;

	PropertyRenderer(List<Violation> violations) {
		this.violations = violations;
	}

	/**
	 * Render a tree of the given type.
	 * @param tree the tree (maps, lists, scalars)
	 * @param type the schema type it must fit
	 * @param path field path of the tree in the document, such as {@code spec}
	 * @return this renderer
	 */
	PropertyRenderer render(Object tree, Class<?> type, String path) {
		render(tree, ResolvableType.forClass(type), "", path);
		return this;
	}

	/**
	 * Return the rendered properties, with keys relative to the rendered tree.
	 * @return the properties in document order
	 */
	Map<String, String> properties() {
		return this.properties;
	}

	/**
	 * Return the document field path of each rendered property key.
	 * @return field paths by property key
	 */
	Map<String, String> paths() {
		return this.paths;
	}

	private void render(Object node, ResolvableType type, String key, String path) {
		if (node == null) {
			return;
		}
		Class<?> raw = type.resolve(Object.class);
		if (isValue(raw)) {
			renderValue(node, key, path);
		}
		else if (List.class.isAssignableFrom(raw)) {
			renderList(node, type.asCollection().getGeneric(0), key, path);
		}
		else if (Map.class.isAssignableFrom(raw)) {
			renderMap(node, type.asMap().getGeneric(1), key, path);
		}
		else {
			renderBean(node, raw, key, path);
		}
	}

	private void renderValue(Object node, String key, String path) {
		if (!(node instanceof String || node instanceof Number || node instanceof Boolean)) {
			reject(path, "must be a single value");
			return;
		}
		String value = String.valueOf(node);
		if (isExpression(value)) {
			reject(path, "must not contain '#{' or '${': expressions are never evaluated");
			return;
		}
		this.properties.put(key, value);
		this.paths.put(key, path);
	}

	private void renderList(Object node, ResolvableType element, String key, String path) {
		if (!(node instanceof List<?> list)) {
			reject(path, "must be a list");
			return;
		}
		for (int i = 0; i < list.size(); i++) {
			if (list.get(i) == null) {
				reject(path + "[" + i + "]", "must not be empty");
			}
			render(list.get(i), element, key + "[" + i + "]", path + "[" + i + "]");
		}
	}

	private void renderMap(Object node, ResolvableType valueType, String key, String path) {
		if (!(node instanceof Map<?, ?> map)) {
			reject(path, "must be a map");
			return;
		}
		map.forEach((entryKey, value) -> {
			String name = String.valueOf(entryKey);
			String entryPath = path + "." + name;
			if (name.isEmpty() || name.length() > MAX_MAP_KEY_LENGTH || name.indexOf('[') >= 0 || name.indexOf(']') >= 0
					|| !name.strip().equals(name)) {
				reject(entryPath, "is not a valid key: use 1-" + MAX_MAP_KEY_LENGTH
						+ " characters without brackets or surrounding spaces");
			}
			else if (isExpression(name)) {
				reject(entryPath, "must not contain '#{' or '${': expressions are never evaluated");
			}
			else if (value == null) {
				reject(entryPath, "must not be empty");
			}
			else {
				render(value, valueType, key + "[" + name + "]", entryPath);
			}
		});
	}

	private void renderBean(Object node, Class<?> type, String key, String path) {
		if (!(node instanceof Map<?, ?> map)) {
			reject(path, "must be an object");
			return;
		}
		map.forEach((entryKey, value) -> {
			String name = String.valueOf(entryKey);
			PropertyDescriptor property = BeanUtils.getPropertyDescriptor(type, name);
			if (property == null || property.getReadMethod() == null || !name.equals(property.getName())
					|| "class".equals(name)) {
				reject(path + "." + name, "is not a field of " + path);
				return;
			}
			ResolvableType propertyType = ResolvableType.forMethodReturnType(property.getReadMethod(), type);
			String child = (key.isEmpty() ? "" : key + ".") + kebab(name);
			render(value, propertyType, child, path + "." + name);
		});
	}

	private static boolean isValue(Class<?> type) {
		return type.isPrimitive() || type == String.class || Number.class.isAssignableFrom(type)
				|| type == Boolean.class || type.isEnum() || type == Duration.class || type == DataSize.class;
	}

	static boolean isExpression(String text) {
		return text.contains("#{") || text.contains("${");
	}

	static String kebab(String camel) {
		StringBuilder result = new StringBuilder(camel.length() + 4);
		for (char c : camel.toCharArray()) {
			if (Character.isUpperCase(c)) {
				result.append('-').append(Character.toLowerCase(c));
			}
			else {
				result.append(c);
			}
		}
		return result.toString();
	}

	private void reject(String path, String message) {
		this.violations.add(new Violation(path, message));
	}

}
