package dev.mesh.bench.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes the result files.
 */
public final class Json {

	private static final JsonMapper mapper = JsonMapper.builder()
		.enable(SerializationFeature.INDENT_OUTPUT)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	private Json() {
	}

	/**
	 * Write a value as JSON, creating the parent directories.
	 * @param file the file
	 * @param value the value
	 */
	public static void write(Path file, Object value) {
		try {
			if (file.getParent() != null) {
				Files.createDirectories(file.getParent());
			}
			mapper.writeValue(file.toFile(), value);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Read a JSON file.
	 * @param <T> the type to read
	 * @param file the file
	 * @param type the type to read
	 * @return the value
	 */
	public static <T> T read(Path file, Class<T> type) {
		return mapper.readValue(file.toFile(), type);
	}

}
