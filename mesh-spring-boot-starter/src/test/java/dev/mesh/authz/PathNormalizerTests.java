package dev.mesh.authz;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PathNormalizerTests {

	@ParameterizedTest
	@ValueSource(strings = { "/admin", "//admin", "///admin//", "/a/../admin", "/./admin", "/a/./b/../../admin",
			"/a/%2e%2e/admin", "/a/%2E%2E/admin", "/a/.%2e/admin", "/admin%2F", "/admin%2f", "/admin;x", "/admin;x=1;y",
			"/admin/", "/admin/.", "/admin/x/..", "/%61dmin", "/a/..;/admin", "/a;x/../admin", "/a%2F..%2Fadmin",
			"/a%5C..%5Cadmin", "/a\\..\\admin", "/%2Fadmin", "/admin;jsessionid=0A1B/" })
	void bringsEverySpellingToTheCanonicalPath(String raw) {
		assertThat(PathNormalizer.normalize(raw, false)).isEqualTo("/admin");
	}

	@Test
	void keepsAnEncodedSemicolonAsPartOfTheSegmentLikeTheServersDo() {
		assertThat(PathNormalizer.normalize("/admin%3Bx", false)).isEqualTo("/admin;x");
	}

	@Test
	void lowerCasesOnlyWhenAskedTo() {
		assertThat(PathNormalizer.normalize("/ADMIN", false)).isEqualTo("/ADMIN");
		assertThat(PathNormalizer.normalize("/ADMIN", true)).isEqualTo("/admin");
		assertThat(PathNormalizer.normalize("/%41dmin/", true)).isEqualTo("/admin");
	}

	@Test
	void keepsTheRootAndDecodesUtf8() {
		assertThat(PathNormalizer.normalize("/", false)).isEqualTo("/");
		assertThat(PathNormalizer.normalize("", false)).as("root of a context path").isEqualTo("/");
		assertThat(PathNormalizer.normalize("//", false)).isEqualTo("/");
		assertThat(PathNormalizer.normalize("/caf%C3%A9/menu", false)).isEqualTo("/café/menu");
		assertThat(PathNormalizer.normalize("/100%25", false)).isEqualTo("/100%");
	}

	@ParameterizedTest
	@ValueSource(strings = { "admin", "*", "/..", "/../admin", "/%2e%2e/admin", "/a/../../admin", "/%2e%2e%2fadmin",
			"/admin%00", "/admin%0a", "/admin%", "/admin%2", "/admin%zz", "/admin%252F", "/admin%252e%252e",
			"/admin%C3", "/admin%FF", "/adm in", "/admin\t", "/caf\u00e9" })
	void refusesPathsThatCannotBeNormalizedSafely(String raw) {
		assertThat(PathNormalizer.normalize(raw, false)).isNull();
	}

	@Test
	void refusesOverlongPaths() {
		assertThat(PathNormalizer.normalize("/" + "a".repeat(PathNormalizer.MAX_LENGTH), false)).isNull();
		assertThat(PathNormalizer.normalize("/" + "a".repeat(PathNormalizer.MAX_LENGTH - 1), false)).isNotNull();
	}

}
