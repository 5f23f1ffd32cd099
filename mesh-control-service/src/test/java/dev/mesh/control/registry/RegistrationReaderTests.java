package dev.mesh.control.registry;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.mesh.policy.ApiError;
import dev.mesh.policy.Violation;
import dev.mesh.policy.registry.Registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RegistrationReaderTests {

	private final RegistrationReader reader = new RegistrationReader(JsonMapper.builder().build());

	@Test
	void readsRegistration() {
		Registration registration = parse("""
				{"instanceId":"catalog-1","service":"catalog","address":"10.0.0.7","port":8080,
				 "version":"v2","zone":"zone-a","metadata":{"team":"shop"}}""");
		assertThat(registration).isEqualTo(
				new Registration("catalog-1", "catalog", "10.0.0.7", 8080, "v2", "zone-a", Map.of("team", "shop")));
	}

	@Test
	void readsJsonNullAsMissingBody() {
		assertThat(parse("null")).isNull();
	}

	@Test
	void namesFieldOfWrongJsonType() {
		assertThat(error("{\"service\":\"catalog\",\"port\":\"abc\"}").violations())
			.containsExactly(new Violation("port", "must be a whole number"));
	}

	@Test
	void rejectsPortSentAsNumericString() {
		assertThat(error("{\"port\":\"8080\"}").violations()).extracting(Violation::field).containsExactly("port");
	}

	@Test
	void rejectsFractionalPort() {
		assertThat(error("{\"port\":80.5}").violations()).extracting(Violation::field).containsExactly("port");
	}

	@Test
	void rejectsPortOutOfIntegerRange() {
		assertThat(error("{\"port\":99999999999}").violations()).extracting(Violation::field).containsExactly("port");
	}

	@Test
	void namesUnknownProperty() {
		ApiError error = error("{\"service\":\"catalog\",\"weight\":3}");
		assertThat(error.status()).isEqualTo(400);
		assertThat(error.error()).isEqualTo("malformed-body");
		assertThat(error.violations()).containsExactly(new Violation("weight", "is not a known property"));
		assertThat(error.message()).contains("weight");
	}

	@Test
	void namesPathInsideMetadata() {
		assertThat(error("{\"metadata\":{\"team\":{\"name\":\"shop\"}}}").violations()).extracting(Violation::field)
			.containsExactly("metadata.team");
	}

	@Test
	void rejectsBodyThatIsNotAnObject() {
		assertThat(error("[1,2]").violations()).containsExactly(new Violation("body", "must be a JSON object"));
	}

	@Test
	void reportsWhereJsonIsBroken() {
		Violation violation = error("{\"service\":\"catalog\",\n\"port\":}").violations().get(0);
		assertThat(violation.message()).startsWith("is not valid JSON at line 2");
	}

	@Test
	void rejectsDuplicateKeys() {
		assertThat(error("{\"port\":80,\"port\":81}").error()).isEqualTo("malformed-body");
	}

	@Test
	void rejectsTrailingContent() {
		assertThat(error("{\"port\":80} {}").error()).isEqualTo("malformed-body");
	}

	@Test
	void keepsExpressionsAsPlainText() {
		assertThat(parse("{\"service\":\"#{1+1}\",\"version\":\"${user.home}\"}"))
			.extracting(Registration::service, Registration::version)
			.containsExactly("#{1+1}", "${user.home}");
	}

	private Registration parse(String json) {
		return this.reader.parse(json.getBytes(StandardCharsets.UTF_8));
	}

	private ApiError error(String json) {
		InvalidBodyException ex = catchThrowableOfType(InvalidBodyException.class, () -> parse(json));
		assertThat(ex).as("error reading %s", json).isNotNull();
		return ex.getError();
	}

}
