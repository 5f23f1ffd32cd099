package dev.mesh.policy.document;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import dev.mesh.policy.Violation;

/**
 * Parses a policy body into a plain tree of maps, lists and scalars, safely: bounded size
 * and nesting, no duplicate keys, and for YAML no tags (so no {@code !!java} object
 * construction), no recursive keys and few aliases (so no alias bombs).
 */
public final class PolicyParser {

	/**
	 * Largest body accepted, in bytes.
	 */
	public static final int MAX_BYTES = 1024 * 1024;

	/**
	 * Deepest nesting of maps and lists accepted.
	 */
	public static final int MAX_DEPTH = 32;

	private static final JsonMapper JSON = JsonMapper
		.builder(JsonFactory.builder()
			.streamReadConstraints(
					StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxDocumentLength(MAX_BYTES).build())
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.build())
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private PolicyParser() {
	}

	/**
	 * Parse a policy body.
	 * @param body the body
	 * @param format its format
	 * @return the document tree
	 * @throws PolicyViolationException naming {@code body} when it cannot be parsed
	 */
	public static Map<String, Object> parse(byte[] body, PolicyFormat format) {
		if (body == null || body.length == 0) {
			throw invalid("a policy document is required");
		}
		if (body.length > MAX_BYTES) {
			throw invalid("must be at most " + MAX_BYTES + " bytes");
		}
		Object tree = (format == PolicyFormat.JSON) ? parseJson(body) : parseYaml(decode(body));
		if (!(tree instanceof Map<?, ?> map)) {
			throw invalid("must be one object with apiVersion, kind, metadata and spec");
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> document = (Map<String, Object>) map;
		return document;
	}

	private static Object parseJson(byte[] body) {
		try {
			return JSON.readValue(body, Object.class);
		}
		catch (JacksonException ex) {
			throw invalid("malformed JSON: " + ex.getOriginalMessage());
		}
	}

	private static Object parseYaml(String text) {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		options.setAllowRecursiveKeys(false);
		options.setMaxAliasesForCollections(20);
		options.setNestingDepthLimit(MAX_DEPTH);
		options.setCodePointLimit(MAX_BYTES);
		options.setProcessComments(false);
		try {
			Object tree = new Yaml(new SafeConstructor(options)).load(text);
			checkDepth(tree, 0);
			return tree;
		}
		catch (YAMLException | IllegalStateException ex) {
			throw invalid("malformed YAML: " + firstLine(ex.getMessage()));
		}
	}

	private static void checkDepth(Object node, int depth) {
		if (depth > MAX_DEPTH) {
			throw new IllegalStateException("nesting deeper than " + MAX_DEPTH + " levels");
		}
		if (node instanceof Map<?, ?> map) {
			for (Object value : map.values()) {
				checkDepth(value, depth + 1);
			}
		}
		else if (node instanceof List<?> list) {
			for (Object value : list) {
				checkDepth(value, depth + 1);
			}
		}
	}

	private static String decode(byte[] body) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(java.nio.ByteBuffer.wrap(body))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw invalid("must be UTF-8");
		}
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "unreadable";
		}
		int newline = message.indexOf('\n');
		return (newline >= 0) ? message.substring(0, newline) : message;
	}

	private static PolicyViolationException invalid(String message) {
		return new PolicyViolationException(List.of(new Violation("body", message)));
	}

}
