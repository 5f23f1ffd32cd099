package dev.mesh.policy.document;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.mesh.policy.Violation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PolicyParserTests {

	@Test
	void parsesYamlAndJsonToTheSameTree() {
		assertThat(PolicyParser.parse(bytes("a: 1\nb: [x, y]\n"), PolicyFormat.YAML))
			.isEqualTo(PolicyParser.parse(bytes("{\"a\":1,\"b\":[\"x\",\"y\"]}"), PolicyFormat.JSON));
	}

	@Test
	void rejectsMalformedJson() {
		assertBodyRejected("{\"a\": ", PolicyFormat.JSON, "malformed JSON");
		assertBodyRejected("{\"a\": 1} {\"b\": 2}", PolicyFormat.JSON, "malformed JSON");
	}

	@Test
	void rejectsMalformedYaml() {
		assertBodyRejected("a: [1, 2\n", PolicyFormat.YAML, "malformed YAML");
	}

	@Test
	void rejectsYamlTagsInsteadOfConstructingObjects() {
		assertBodyRejected(
				"a: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]",
				PolicyFormat.YAML, "malformed YAML");
		assertBodyRejected("a: !!java.io.File /etc/passwd", PolicyFormat.YAML, "malformed YAML");
	}

	@Test
	void rejectsAliasBombs() {
		StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
		for (char c = 'b'; c <= 'k'; c++) {
			char previous = (char) (c - 1);
			bomb.append(c)
				.append(": &")
				.append(c)
				.append(" [*")
				.append(previous)
				.append(", *")
				.append(previous)
				.append(", *")
				.append(previous)
				.append("]\n");
		}
		assertBodyRejected(bomb.toString(), PolicyFormat.YAML, "malformed YAML");
	}

	@Test
	void rejectsDeepNesting() {
		String deep = "[".repeat(100) + "]".repeat(100);
		assertBodyRejected("{\"a\":" + deep + "}", PolicyFormat.JSON, "malformed JSON");
		assertBodyRejected("a: " + deep, PolicyFormat.YAML, "malformed YAML");
	}

	@Test
	void rejectsDuplicateKeys() {
		assertBodyRejected("a: 1\na: 2\n", PolicyFormat.YAML, "malformed YAML");
		assertBodyRejected("{\"a\":1,\"a\":2}", PolicyFormat.JSON, "malformed JSON");
	}

	@Test
	void rejectsBodiesOverOneMebibyte() {
		String large = "a: \"" + "x".repeat(PolicyParser.MAX_BYTES) + "\"";
		assertBodyRejected(large, PolicyFormat.YAML, "at most");
	}

	@Test
	void rejectsEmptyBodiesAndNonObjects() {
		assertBodyRejected("", PolicyFormat.YAML, "required");
		assertBodyRejected("[1, 2]", PolicyFormat.JSON, "must be one object");
		assertBodyRejected("a: 1\n---\nb: 2\n", PolicyFormat.YAML, "malformed YAML");
	}

	private static void assertBodyRejected(String body, PolicyFormat format, String message) {
		assertThatExceptionOfType(PolicyViolationException.class)
			.isThrownBy(() -> PolicyParser.parse(bytes(body), format))
			.satisfies((ex) -> assertThat(ex.getViolations()).singleElement().satisfies((Violation violation) -> {
				assertThat(violation.field()).isEqualTo("body");
				assertThat(violation.message()).contains(message);
			}));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
