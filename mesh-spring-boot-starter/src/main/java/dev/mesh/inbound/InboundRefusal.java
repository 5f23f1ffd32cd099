package dev.mesh.inbound;

import java.util.Map;

import org.springframework.util.Assert;

/**
 * The answer a step sends instead of letting a request through.
 *
 * @param status the status code
 * @param contentType the content type of the body
 * @param body the body
 * @param headers further response headers
 */
public record InboundRefusal(int status, String contentType, byte[] body, Map<String, String> headers) {

	public InboundRefusal {
		Assert.isTrue(status >= 400 && status <= 599, "'status' must be between 400 and 599");
		Assert.hasText(contentType, "'contentType' must not be empty");
		Assert.notNull(body, "'body' must not be null");
		headers = Map.copyOf(headers);
	}

}
