package dev.mesh.control.policy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.mesh.control.policy.store.PolicyKey;
import dev.mesh.control.policy.store.PolicyStore;
import dev.mesh.control.policy.store.StoredPolicy;
import dev.mesh.control.registry.RegisteredServices;
import dev.mesh.policy.Violation;
import dev.mesh.policy.document.PolicyDocument;
import dev.mesh.policy.document.PolicyFormat;
import dev.mesh.policy.document.PolicyReader;
import dev.mesh.policy.document.PolicySet;
import dev.mesh.policy.document.PolicyViolationException;
import dev.mesh.policy.document.WorkloadSnapshots;
import dev.mesh.policy.spec.AccessPolicySpec;
import dev.mesh.policy.spec.GatewayRouteSpec;

/**
 * Writes policy: every write is validated alone and against the whole set it would
 * produce (so a subset still used by a gateway route cannot disappear), then made durable
 * by the store. Blocking: call it off the event loop.
 */
final class PolicyService {

	private final PolicyStore store;

	private final PolicyCatalog catalog;

	private final RegisteredServices registered;

	private final List<PolicyCheck> checks;

	private final Object writeMonitor = new Object();

	PolicyService(PolicyStore store, PolicyCatalog catalog, RegisteredServices registered, List<PolicyCheck> checks) {
		this.store = store;
		this.catalog = catalog;
		this.registered = registered;
		this.checks = List.copyOf(checks);
	}

	PolicyStore store() {
		return this.store;
	}

	StoredPolicy create(byte[] body, PolicyFormat format, String author) {
		PolicyDocument document = read(body, format);
		synchronized (this.writeMonitor) {
			checkSet(document, PolicyCatalog.key(document));
			return this.store.create(PolicyCatalog.key(document), document.toJson(), author);
		}
	}

	StoredPolicy replace(PolicyKey key, byte[] body, PolicyFormat format, String author, long expected) {
		PolicyDocument document = readFor(key, body, format);
		synchronized (this.writeMonitor) {
			checkSet(document, key);
			return this.store.replace(key, document.toJson(), author, expected);
		}
	}

	StoredPolicy delete(PolicyKey key, String author, long expected) {
		synchronized (this.writeMonitor) {
			checkSet(null, key);
			return this.store.delete(key, author, expected);
		}
	}

	StoredPolicy rollback(PolicyKey key, long toResourceVersion, String author, long expected) {
		StoredPolicy target = this.store.revision(key, toResourceVersion)
			.orElseThrow(() -> new UnknownRevisionException(key, toResourceVersion));
		if (target.deleted()) {
			throw new PolicyViolationException(List.of(new Violation("to",
					"resourceVersion " + toResourceVersion + " of " + key + " is a deletion: delete it instead")));
		}
		byte[] body = target.document().getBytes(StandardCharsets.UTF_8);
		if (this.store.get(key).isEmpty()) {
			return create(body, PolicyFormat.JSON, author);
		}
		return replace(key, body, PolicyFormat.JSON, author, expected);
	}

	/**
	 * Validate a write without storing it and show what it changes for each workload.
	 * @param key the key written, or {@code null} to take it from the document
	 * @param body the document, or {@code null} for a deletion
	 * @param format its format
	 * @return the property changes by workload
	 */
	Map<String, PropertyDiff> dryRun(PolicyKey key, byte[] body, PolicyFormat format) {
		PolicyDocument document = (body != null) ? ((key != null) ? readFor(key, body, format) : read(body, format))
				: null;
		PolicyKey target = (key != null) ? key : PolicyCatalog.key(document);
		List<PolicyDocument> after = checkSet(document, target);
		List<PolicyDocument> before = new ArrayList<>(this.catalog.documents());
		Map<String, PropertyDiff> changes = new TreeMap<>();
		for (String workload : workloads(before, after)) {
			PropertyDiff diff = PropertyDiff.between(WorkloadSnapshots.render(before, workload),
					WorkloadSnapshots.render(after, workload));
			if (!diff.isEmpty()) {
				changes.put(workload, diff);
			}
		}
		return changes;
	}

	private PolicyDocument read(byte[] body, PolicyFormat format) {
		PolicyDocument document = PolicyReader.read(body, format);
		List<Violation> violations = new ArrayList<>();
		this.checks.forEach((check) -> violations.addAll(check.check(document)));
		if (!violations.isEmpty()) {
			throw new PolicyViolationException(violations);
		}
		return document;
	}

	private PolicyDocument readFor(PolicyKey key, byte[] body, PolicyFormat format) {
		PolicyDocument document = read(body, format);
		if (!PolicyCatalog.key(document).equals(key)) {
			throw new PolicyViolationException(List.of(new Violation("metadata",
					"the document is " + PolicyCatalog.key(document) + " but the URL names " + key)));
		}
		return document;
	}

	/**
	 * Check that the set of documents after a write is consistent.
	 * @param written the document written, or {@code null} for a deletion
	 * @param key the key written
	 * @return the documents after the write
	 */
	private List<PolicyDocument> checkSet(PolicyDocument written, PolicyKey key) {
		List<PolicyDocument> after = new ArrayList<>(this.catalog.others(key));
		if (written != null) {
			PolicySet.check(written, after);
			after.add(written);
		}
		List<Violation> broken = new ArrayList<>();
		for (PolicyDocument other : after) {
			if (other == written) {
				continue;
			}
			try {
				PolicySet.check(other, after.stream().filter((document) -> document != other).toList());
			}
			catch (PolicyViolationException ex) {
				ex.getViolations()
					.forEach((violation) -> broken.add(new Violation(violation.field(), "would break "
							+ other.kind().kindName() + " " + other.qualifiedName() + ": " + violation.message())));
			}
		}
		if (!broken.isEmpty()) {
			throw new PolicyViolationException(broken);
		}
		return after;
	}

	private Set<String> workloads(List<PolicyDocument> before, List<PolicyDocument> after) {
		Set<String> workloads = new TreeSet<>(this.registered.serviceNames());
		List<PolicyDocument> all = new ArrayList<>(before);
		all.addAll(after);
		for (PolicyDocument document : all) {
			switch (document.kind()) {
				case SERVICE_POLICY -> workloads.add(document.name());
				case ACCESS_POLICY -> workloads.add(document.spec(AccessPolicySpec.class).getService());
				case GATEWAY_ROUTE -> workloads.add(document.spec(GatewayRouteSpec.class).getGateway());
				default -> {
				}
			}
		}
		return workloads;
	}

}
