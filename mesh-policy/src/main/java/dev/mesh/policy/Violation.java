package dev.mesh.policy;

import org.springframework.util.Assert;

/**
 * One invalid input, named by its field path (for example {@code metadata.owner} or
 * {@code port}) with a message a person can act on.
 *
 * @param field path of the offending field
 * @param message what is wrong with it
 */
public record Violation(String field, String message) {

	public Violation {
		Assert.hasText(field, "'field' must not be empty");
		Assert.hasText(message, "'message' must not be empty");
	}

	@Override
	public String toString() {
		return this.field + ": " + this.message;
	}

}
