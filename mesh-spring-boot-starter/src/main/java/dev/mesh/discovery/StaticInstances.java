package dev.mesh.discovery;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.util.StringUtils;

import dev.mesh.policy.Violation;
import dev.mesh.policy.identity.InvalidSpiffeIdException;
import dev.mesh.policy.identity.SpiffeId;
import dev.mesh.policy.registry.MeshInstance;
import dev.mesh.policy.registry.Names;
import dev.mesh.policy.registry.Registration;
import dev.mesh.policy.registry.RegistrationValidator;

/**
 * Checks the entries of {@code mesh.discovery.static.services} and turns them into mesh
 * instances; every problem names the property to fix.
 */
final class StaticInstances {

	/**
	 * Prefix of the static entries.
	 */
	static final String PREFIX = "mesh.discovery.static.services";

	/**
	 * Value of the {@code mesh.source} metadata of static instances.
	 */
	static final String SOURCE = "static";

	/**
	 * Version of an entry that names none, the same as a workload that does not set
	 * {@code mesh.version}.
	 */
	static final String DEFAULT_VERSION = "v1";

	private StaticInstances() {
	}

	/**
	 * Check and resolve the entries.
	 * @param services entries by service name
	 * @return instances by service name
	 * @throws IllegalStateException naming every invalid property
	 */
	static Map<String, List<MeshInstance>> resolve(Map<String, List<StaticDiscoveryProperties.Entry>> services) {
		List<String> problems = new ArrayList<>();
		Map<String, List<MeshInstance>> resolved = new TreeMap<>();
		services.forEach((service, entries) -> {
			String path = PREFIX + "." + service;
			if (!Names.isServiceName(service)) {
				problems.add(path + ": '" + service + "' is not a service name (at most " + Names.MAX_SERVICE_LENGTH
						+ " lower-case letters, digits and '-', starting and ending with a letter or digit)");
				return;
			}
			List<MeshInstance> instances = new ArrayList<>();
			Set<String> targets = new HashSet<>();
			for (int i = 0; i < entries.size(); i++) {
				String at = path + "[" + i + "]";
				MeshInstance instance = instance(service, entries.get(i), at, problems);
				if (instance != null && !targets.add(instance.address() + ":" + instance.port())) {
					problems.add(at + ".url: " + instance.address() + ":" + instance.port()
							+ " is listed twice for service " + service);
				}
				else if (instance != null) {
					instances.add(instance);
				}
			}
			resolved.put(service, instances);
		});
		if (!problems.isEmpty()) {
			throw new IllegalStateException("Invalid static discovery configuration: " + String.join("; ", problems));
		}
		return resolved;
	}

	private static MeshInstance instance(String service, StaticDiscoveryProperties.Entry entry, String at,
			List<String> problems) {
		URI url = url((entry != null) ? entry.getUrl() : null, at + ".url", problems);
		if (url == null) {
			return null;
		}
		String host = url.getHost();
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		int port = (url.getPort() != -1) ? url.getPort() : ("https".equals(url.getScheme()) ? 443 : 80);
		Map<String, String> metadata = new LinkedHashMap<>(entry.getMetadata());
		metadata.put(MeshServiceInstance.SOURCE, SOURCE);
		if ("https".equals(url.getScheme())) {
			metadata.put(MeshServiceInstance.SCHEME, "https");
		}
		if (StringUtils.hasText(entry.getIdentity())) {
			try {
				metadata.put(MeshInstance.SPIFFE_ID, SpiffeId.parse(entry.getIdentity().trim()).toString());
			}
			catch (InvalidSpiffeIdException ex) {
				problems.add(at + ".identity " + ex.getMessage());
				return null;
			}
		}
		String version = StringUtils.hasText(entry.getVersion()) ? entry.getVersion() : DEFAULT_VERSION;
		Registration registration = new Registration(null, service, host, port, version, entry.getZone(), metadata);
		List<Violation> violations = RegistrationValidator.validate(registration);
		for (Violation violation : violations) {
			boolean target = violation.field().startsWith("address") || violation.field().startsWith("port");
			String field = (target) ? "url" : violation.field();
			problems.add(at + "." + field + " " + violation.message());
		}
		if (!violations.isEmpty()) {
			return null;
		}
		String target = host + ":" + port;
		return MeshInstance.from(registration,
				Names.isInstanceId(target) ? target : service + "-" + Integer.toHexString(at.hashCode()));
	}

	private static URI url(String text, String property, List<String> problems) {
		if (!StringUtils.hasText(text)) {
			problems.add(property + " is required");
			return null;
		}
		if (text.contains("${") || text.contains("#{")) {
			problems.add(property + " must be a literal URL: placeholders and expressions are not resolved here");
			return null;
		}
		URI url;
		try {
			url = new URI(text.trim());
		}
		catch (URISyntaxException ex) {
			problems.add(property + " is not a URL (" + ex.getReason() + ")");
			return null;
		}
		String problem = problem(url);
		if (problem != null) {
			problems.add(property + " " + problem + ", not '" + text + "'");
			return null;
		}
		return url;
	}

	private static String problem(URI url) {
		if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
			return "must be an http or https URL";
		}
		if (url.getHost() == null) {
			return "must name a host";
		}
		if (url.getPort() != -1 && (url.getPort() < 1 || url.getPort() > 65535)) {
			return "must have a port between 1 and 65535";
		}
		if (url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null
				|| (StringUtils.hasLength(url.getRawPath()) && !"/".equals(url.getRawPath()))) {
			return "must be only scheme, host and port (no path, query, fragment or user information)";
		}
		return null;
	}

}
