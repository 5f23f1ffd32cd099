package dev.mesh.control.registry;

import java.util.Map;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

import dev.mesh.policy.Violation;
import dev.mesh.policy.registry.Registration;

/**
 * Reads a {@link Registration} from a request body more strictly than the application's
 * JSON codecs: unknown properties, duplicate keys, trailing content and values of the
 * wrong JSON type (such as a port sent as a string) are errors that name the field.
 */
final class RegistrationReader {

	/**
	 * Largest registration body accepted, in bytes.
	 */
	static final int MAX_BODY_BYTES = 64 * 1024;

	private final ObjectReader reader;

	RegistrationReader(JsonMapper jsonMapper) {
		this.reader = jsonMapper.rebuild()
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.build()
			.readerFor(Registration.class);
	}

	/**
	 * Read the registration in the body of a request.
	 * @param request the request
	 * @return the registration, empty when the body is empty or {@code null}, or an
	 * {@link InvalidBodyException} error
	 */
	Mono<Registration> read(ServerRequest request) {
		MediaType contentType = request.headers().contentType().orElse(MediaType.APPLICATION_JSON);
		if (!MediaType.APPLICATION_JSON.isCompatibleWith(contentType)) {
			return Mono.error(new InvalidBodyException(ApiErrors.unsupportedMediaType(contentType)));
		}
		return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), MAX_BODY_BYTES)
			.map(RegistrationReader::bytes)
			.onErrorMap(DataBufferLimitException.class,
					(ex) -> new InvalidBodyException(ApiErrors.bodyTooLarge(MAX_BODY_BYTES)))
			.flatMap((bytes) -> Mono.justOrEmpty(parse(bytes)));
	}

	Registration parse(byte[] bytes) {
		try {
			return this.reader.readValue(bytes);
		}
		catch (JacksonException ex) {
			throw new InvalidBodyException(ApiErrors.malformedBody(violation(ex)));
		}
	}

	private static byte[] bytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	private static Violation violation(JacksonException ex) {
		String field = path(ex);
		if (ex instanceof UnrecognizedPropertyException) {
			return new Violation(field, "is not a known property");
		}
		if (ex instanceof MismatchedInputException mismatch) {
			return new Violation(field, "must be " + describe(mismatch.getTargetType()));
		}
		if (ex instanceof InputCoercionException) {
			return new Violation(field, "is out of range");
		}
		TokenStreamLocation location = ex.getLocation();
		String where = (location != null && location.getLineNr() > 0)
				? " at line " + location.getLineNr() + ", column " + location.getColumnNr() : "";
		return new Violation(field, "is not valid JSON" + where);
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append((path.isEmpty()) ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return (path.isEmpty()) ? "body" : path.toString();
	}

	private static String describe(Class<?> type) {
		if (type == null) {
			return "of another JSON type";
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return "a whole number";
		}
		if (type == String.class) {
			return "a string";
		}
		if (type == Registration.class || Map.class.isAssignableFrom(type)) {
			return "a JSON object";
		}
		return "of another JSON type";
	}

}
