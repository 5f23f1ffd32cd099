package dev.mesh.control.policy.store;

import java.util.Comparator;

import org.springframework.util.Assert;

/**
 * Identity of a policy document: its kind, namespace and name. Keys sort by kind, then
 * namespace, then name.
 *
 * @param kind the kind of the document, for example {@code ServicePolicy}
 * @param namespace the namespace of the document
 * @param name the name of the document
 */
public record PolicyKey(String kind, String namespace, String name) implements Comparable<PolicyKey> {

	private static final Comparator<PolicyKey> ORDER = Comparator.comparing(PolicyKey::kind)
		.thenComparing(PolicyKey::namespace)
		.thenComparing(PolicyKey::name);

	public PolicyKey {
		Assert.hasText(kind, "'kind' must not be empty");
		Assert.hasText(namespace, "'namespace' must not be empty");
		Assert.hasText(name, "'name' must not be empty");
	}

	@Override
	public int compareTo(PolicyKey other) {
		return ORDER.compare(this, other);
	}

	@Override
	public String toString() {
		return this.kind + " " + this.namespace + "/" + this.name;
	}

}
