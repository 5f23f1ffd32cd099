package dev.mesh.actuate;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

import dev.mesh.actuate.MeshEndpoint.PropertyDescriptor;

/**
 * Every {@code mesh.*} property an application sees, from all of its property sources,
 * each with the value of the highest-ranked source that sets it and that source's name.
 * Credentials are masked.
 */
final class EffectiveProperties {

	private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of("mesh");

	private static final Set<String> SECRETS = Set.of("token", "password", "secret");

	private static final String MASK = "******";

	private EffectiveProperties() {
	}

	static Map<String, PropertyDescriptor> of(Environment environment) {
		// Names compare equal across forms: mesh.a.b and mesh.a[b] are one property.
		Map<ConfigurationPropertyName, PropertyDescriptor> effective = new HashMap<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.stream()
					.filter(PREFIX::isAncestorOf)
					.filter((name) -> !effective.containsKey(name))
					.forEach((name) -> add(effective, name, source.getConfigurationProperty(name)));
			}
		}
		Map<String, PropertyDescriptor> sorted = new TreeMap<>();
		effective.forEach((name, descriptor) -> sorted.put(name.toString(), descriptor));
		return sorted;
	}

	private static void add(Map<ConfigurationPropertyName, PropertyDescriptor> effective,
			ConfigurationPropertyName name, ConfigurationProperty property) {
		if (property == null || property.getValue() == null) {
			return;
		}
		String value = isSecret(name) ? MASK : String.valueOf(property.getValue());
		Object underlying = (property.getSource() != null) ? property.getSource().getUnderlyingSource() : null;
		String source = (underlying instanceof PropertySource<?> propertySource) ? propertySource.getName()
				: String.valueOf(underlying);
		effective.put(name, new PropertyDescriptor(value, source));
	}

	private static boolean isSecret(ConfigurationPropertyName name) {
		String last = name.getLastElement(Form.UNIFORM);
		return SECRETS.stream().anyMatch(last::contains);
	}

}
