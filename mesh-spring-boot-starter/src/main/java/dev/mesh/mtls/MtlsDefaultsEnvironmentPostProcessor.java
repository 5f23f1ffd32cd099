package dev.mesh.mtls;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults of a workload with an identity, at the lowest precedence so that any value the
 * application sets wins. The actuator moves to a management port of its own, which needs
 * no client certificate (Kubernetes probes and Prometheus cannot present one), and
 * exposes only health, info, prometheus and mesh there; the application's endpoints stay
 * on the mTLS port alone. Its port is the server's plus {@value #MANAGEMENT_PORT_OFFSET}
 * (8080 gives 9080), so that workloads sharing a host get distinct ones, and 0 (a free
 * port) when the server's is 0. Tomcat keeps connections open for any number of requests,
 * so pooled mTLS connections are not handshaken again every hundred requests.
 */
class MtlsDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * Name of the property source holding the defaults.
	 */
	static final String PROPERTY_SOURCE_NAME = "meshMtlsDefaults";

	/**
	 * Distance of the default management port from the server's port.
	 */
	static final int MANAGEMENT_PORT_OFFSET = 1000;

	/**
	 * Actuator endpoints exposed over HTTP by default.
	 */
	static final String EXPOSED = "health,info,prometheus,mesh";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty("mesh.identity.enabled", Boolean.class, false)
				|| environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			return;
		}
		Map<String, Object> defaults = new LinkedHashMap<>();
		Integer serverPort = environment.getProperty("server.port", Integer.class, 8080);
		if (!environment.containsProperty("management.server.port") && serverPort >= 0) {
			defaults.put("management.server.port", managementPort(serverPort));
		}
		defaults.put("management.endpoints.web.exposure.include", EXPOSED);
		defaults.put("server.tomcat.max-keep-alive-requests", "-1");
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
	}

	static int managementPort(int serverPort) {
		if (serverPort == 0 || serverPort + MANAGEMENT_PORT_OFFSET > 65535) {
			return 0;
		}
		return serverPort + MANAGEMENT_PORT_OFFSET;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
