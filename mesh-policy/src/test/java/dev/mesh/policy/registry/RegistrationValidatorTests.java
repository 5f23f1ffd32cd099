package dev.mesh.policy.registry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.mesh.policy.Violation;

import static org.assertj.core.api.Assertions.assertThat;

class RegistrationValidatorTests {

	@Test
	void acceptsCompleteRegistration() {
		Registration registration = new Registration("catalog-1", "catalog", "127.0.0.1", 8080, "v2", "zone-a",
				Map.of("team", "shop"));
		assertThat(RegistrationValidator.validate(registration)).isEmpty();
	}

	@Test
	void acceptsHostNamesAndIpv6Addresses() {
		assertThat(RegistrationValidator.validate(valid("catalog.shop.svc.cluster.local"))).isEmpty();
		assertThat(RegistrationValidator.validate(valid("::1"))).isEmpty();
		assertThat(RegistrationValidator.validate(valid("fe80::1:2"))).isEmpty();
	}

	@Test
	void namesEveryMissingRequiredField() {
		List<Violation> violations = RegistrationValidator
			.validate(new Registration(null, null, null, null, null, null, null));
		assertThat(violations).extracting(Violation::field).containsExactly("service", "address", "port", "version");
		assertThat(violations).extracting(Violation::message).containsOnly("is required");
	}

	@Test
	void rejectsServiceNameThatIsNotDnsLabel() {
		assertThat(fields(new Registration(null, "Catalog", "h", 1, "v1", null, null))).containsExactly("service");
		assertThat(fields(new Registration(null, "catalog-", "h", 1, "v1", null, null))).containsExactly("service");
		assertThat(fields(new Registration(null, "a".repeat(64), "h", 1, "v1", null, null))).containsExactly("service");
		assertThat(fields(new Registration(null, "#{1+1}", "h", 1, "v1", null, null))).containsExactly("service");
	}

	@Test
	void rejectsPortOutOfRange() {
		List<Violation> violations = RegistrationValidator
			.validate(new Registration(null, "catalog", "h", 70000, "v1", null, null));
		assertThat(violations).containsExactly(new Violation("port", "must be between 1 and 65535"));
		assertThat(fields(new Registration(null, "catalog", "h", 0, "v1", null, null))).containsExactly("port");
	}

	@Test
	void rejectsMalformedAddressVersionZoneAndInstanceId() {
		Registration registration = new Registration("-bad", "catalog", "http://x", 80, "v 1", "zone/a", null);
		assertThat(fields(registration)).containsExactly("instanceId", "address", "version", "zone");
	}

	@Test
	void namesTheMetadataEntryThatIsInvalid() {
		Map<String, String> metadata = new HashMap<>();
		metadata.put("owner", "x".repeat(257));
		metadata.put("ok", null);
		assertThat(fields(new Registration(null, "catalog", "h", 80, "v1", null, metadata)))
			.containsExactlyInAnyOrder("metadata.owner", "metadata.ok");
	}

	@Test
	void rejectsTooManyMetadataEntries() {
		Map<String, String> metadata = new HashMap<>();
		for (int i = 0; i <= RegistrationValidator.MAX_METADATA_ENTRIES; i++) {
			metadata.put("k" + i, "v");
		}
		assertThat(fields(new Registration(null, "catalog", "h", 80, "v1", null, metadata)))
			.containsExactly("metadata");
	}

	@Test
	void rejectsMissingBody() {
		assertThat(fields(null)).containsExactly("body");
	}

	private static Registration valid(String address) {
		return new Registration(null, "catalog", address, 8080, "v1", null, null);
	}

	private static List<String> fields(Registration registration) {
		return RegistrationValidator.validate(registration).stream().map(Violation::field).toList();
	}

}
