package dev.mesh.control.policy;

import java.util.List;

import dev.mesh.policy.Violation;
import dev.mesh.policy.document.PolicyDocument;

/**
 * A rule of the control service that a policy document must follow on top of the schema,
 * such as naming the certificate authority's trust domain. Beans of this type are applied
 * to every write and dry run.
 */
@FunctionalInterface
public interface PolicyCheck {

	/**
	 * Check a document about to be written.
	 * @param document the document
	 * @return the violations, with field paths; empty when the document is acceptable
	 */
	List<Violation> check(PolicyDocument document);

}
