package dev.mesh.mtls;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class MtlsDefaultsEnvironmentPostProcessorTests {

	@Test
	void movesTheActuatorToTheServerPortPlusAThousandAndExposesOnlyTheMeshEndpoints() {
		StandardEnvironment environment = environment(Map.of("mesh.identity.enabled", "true", "server.port", "8443"));
		assertThat(environment.getProperty("management.server.port")).isEqualTo("9443");
		assertThat(environment.getProperty("management.endpoints.web.exposure.include"))
			.isEqualTo("health,info,prometheus,mesh");
		assertThat(environment.getProperty("server.tomcat.max-keep-alive-requests")).isEqualTo("-1");
		assertThat(environment(Map.of("mesh.identity.enabled", "true")).getProperty("management.server.port"))
			.isEqualTo("9080");
	}

	@Test
	void picksAFreeManagementPortWhenTheServerDoesOrWhenTheSumDoesNotFit() {
		assertThat(environment(Map.of("mesh.identity.enabled", "true", "server.port", "0"))
			.getProperty("management.server.port")).isEqualTo("0");
		assertThat(environment(Map.of("mesh.identity.enabled", "true", "server.port", "65000"))
			.getProperty("management.server.port")).isEqualTo("0");
	}

	@Test
	void leavesWhatTheApplicationSetsAndWorkloadsWithoutIdentityAlone() {
		StandardEnvironment configured = environment(Map.of("mesh.identity.enabled", "true", "management.server.port",
				"8081", "management.endpoints.web.exposure.include", "health"));
		assertThat(configured.getProperty("management.server.port")).isEqualTo("8081");
		assertThat(configured.getProperty("management.endpoints.web.exposure.include")).isEqualTo("health");
		StandardEnvironment plain = environment(Map.of("server.port", "8080"));
		assertThat(plain.getPropertySources().contains(MtlsDefaultsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
		assertThat(plain.getProperty("management.server.port")).isNull();
	}

	private static StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		new MtlsDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

}
