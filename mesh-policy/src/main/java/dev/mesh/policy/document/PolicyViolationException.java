package dev.mesh.policy.document;

import java.util.List;
import java.util.stream.Collectors;

import dev.mesh.policy.Violation;

/**
 * A policy document, or a set of them, is invalid. Carries every violation found, each
 * named by its field path in the document.
 */
public class PolicyViolationException extends RuntimeException {

	private final List<Violation> violations;

	/**
	 * Create a new exception.
	 * @param violations what is wrong, at least one
	 */
	public PolicyViolationException(List<Violation> violations) {
		super(violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
		this.violations = List.copyOf(violations);
	}

	/**
	 * Return the violations.
	 * @return the violations
	 */
	public List<Violation> getViolations() {
		return this.violations;
	}

}
