package dev.mesh.policy.document;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A valid policy document: its identity, its spec as written and as bound, and the
 * properties the spec renders to (keys relative to where the kind puts them).
 *
 * @param kind the kind
 * @param namespace namespace of the document
 * @param name name of the document; for a service policy, the service
 * @param spec the spec as written, a tree of maps, lists and scalars
 * @param boundSpec the spec bound to its schema type
 * @param properties the properties the spec renders to, in document order
 */
public record PolicyDocument(PolicyKind kind, String namespace, String name, Map<String, Object> spec, Object boundSpec,
		Map<String, String> properties) {

	/**
	 * The only API version of policy documents so far.
	 */
	public static final String API_VERSION = "mesh.dev/v1";

	/**
	 * Namespace of a document that names none.
	 */
	public static final String DEFAULT_NAMESPACE = "default";

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	public PolicyDocument {
		properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
	}

	/**
	 * Return {@code namespace/name}.
	 * @return the qualified name
	 */
	public String qualifiedName() {
		return this.namespace + "/" + this.name;
	}

	/**
	 * Return the bound spec as its schema type.
	 * @param <T> the schema type
	 * @param type the schema type
	 * @return the bound spec
	 */
	public <T> T spec(Class<T> type) {
		return type.cast(this.boundSpec);
	}

	/**
	 * Return the document as canonical JSON: the same document always gives the same
	 * text.
	 * @return the JSON text
	 */
	public String toJson() {
		Map<String, Object> metadata = new TreeMap<>(Map.of("name", this.name, "namespace", this.namespace));
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("apiVersion", API_VERSION);
		document.put("kind", this.kind.kindName());
		document.put("metadata", metadata);
		document.put("spec", this.spec);
		return JSON.writeValueAsString(document);
	}

}
