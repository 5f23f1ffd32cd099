package dev.mesh.control.policy;

import java.time.Instant;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import dev.mesh.control.policy.store.StoredPolicy;

/**
 * One revision of a policy as the API shows it.
 *
 * @param kind kind of the document
 * @param namespace its namespace
 * @param name its name
 * @param resourceVersion store revision of this version
 * @param author who wrote it
 * @param time when it was written
 * @param deleted whether this revision deleted the document
 * @param document the document, absent for a deletion
 */
record PolicyView(String kind, String namespace, String name, long resourceVersion, String author, Instant time,
		boolean deleted, Map<String, Object> document) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@SuppressWarnings("unchecked")
	static PolicyView of(StoredPolicy stored) {
		Map<String, Object> document = (stored.document() != null) ? JSON.readValue(stored.document(), Map.class)
				: null;
		return new PolicyView(stored.key().kind(), stored.key().namespace(), stored.key().name(),
				stored.resourceVersion(), stored.author(), stored.time(), stored.deleted(), document);
	}

}
