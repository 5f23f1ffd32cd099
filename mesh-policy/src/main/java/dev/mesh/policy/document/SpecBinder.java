package dev.mesh.policy.document;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;

import dev.mesh.policy.Violation;

/**
 * Binds rendered properties to the schema's JavaBeans with Spring Boot's {@link Binder},
 * the same binder and conversions an application uses, strictly: no placeholder
 * resolution and no property left unbound.
 */
public final class SpecBinder {

	private SpecBinder() {
	}

	/**
	 * Bind properties to a schema type.
	 * @param <T> the schema type
	 * @param properties the properties
	 * @param prefix the prefix the properties sit under
	 * @param type the schema type
	 * @param paths document field path of each property key, for messages
	 * @param violations where a failure is reported
	 * @return the bound object, or {@code null} when binding failed
	 */
	public static <T> T bind(Map<String, String> properties, String prefix, Class<T> type, Map<String, String> paths,
			List<Violation> violations) {
		MapConfigurationPropertySource source = new MapConfigurationPropertySource(properties);
		Binder binder = new Binder(List.of(source), null, ApplicationConversionService.getSharedInstance());
		try {
			return binder.bindOrCreate(prefix, Bindable.of(type),
					new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
		}
		catch (BindException ex) {
			String name = (ex.getProperty() != null) ? ex.getProperty().getName().toString() : ex.getName().toString();
			violations.add(new Violation(pathOf(name, paths), reason(ex)));
			return null;
		}
	}

	private static String pathOf(String name, Map<String, String> paths) {
		for (Map.Entry<String, String> entry : paths.entrySet()) {
			if (ConfigurationPropertyName.adapt(entry.getKey(), '.').toString().equals(name)) {
				return entry.getValue();
			}
		}
		return name;
	}

	private static String reason(BindException ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String message = cause.getMessage();
		if (cause instanceof IllegalArgumentException && message != null && message.startsWith("'")) {
			return "is not valid: " + message;
		}
		return "is not valid" + ((message != null) ? ": " + message : "");
	}

}
