package dev.mesh.loadbalancer;

import java.util.Map;

import dev.mesh.policy.registry.Names;

/**
 * The canary cohort of a request: the value of one instance label (such as
 * {@code version=v2}) that every hop of the call chain keeps. It travels in the
 * {@value #HEADER} header.
 *
 * @param label the instance label
 * @param value its value
 */
public record MeshCohort(String label, String value) {

	/**
	 * Header that carries the cohort from hop to hop, as {@code label=value}.
	 */
	public static final String HEADER = "x-mesh-cohort";

	/**
	 * Key of the cohort in a Reactor context.
	 */
	public static final String CONTEXT_KEY = MeshCohort.class.getName();

	private static final ThreadLocal<MeshCohort> CURRENT = new ThreadLocal<>();

	public MeshCohort {
		if (!Names.isMetadataKey(label) || !Names.isLabelValue(value)) {
			throw new IllegalArgumentException("'" + label + "=" + value + "' is not a valid cohort");
		}
	}

	/**
	 * Read a cohort header, ignoring a value that is not a valid {@code label=value}.
	 * @param header the header value, may be {@code null}
	 * @return the cohort, {@code null} when there is none or it is invalid
	 */
	public static MeshCohort parse(String header) {
		if (header == null || header.length() > 200) {
			return null;
		}
		int equals = header.indexOf('=');
		if (equals <= 0) {
			return null;
		}
		String label = header.substring(0, equals).trim();
		String value = header.substring(equals + 1).trim();
		return (Names.isMetadataKey(label) && Names.isLabelValue(value)) ? new MeshCohort(label, value) : null;
	}

	/**
	 * Return the cohort of the inbound request this thread is serving.
	 * @return the cohort, {@code null} when there is none
	 */
	public static MeshCohort current() {
		return CURRENT.get();
	}

	/**
	 * Set the cohort of the inbound request this thread serves.
	 * @param cohort the cohort, {@code null} to clear it
	 */
	static void setCurrent(MeshCohort cohort) {
		if (cohort != null) {
			CURRENT.set(cohort);
		}
		else {
			CURRENT.remove();
		}
	}

	/**
	 * Return this cohort as a subset.
	 * @return the subset of instances in the cohort
	 */
	public MeshSubset subset() {
		return new MeshSubset(Map.of(this.label, this.value));
	}

	/**
	 * Return the header value.
	 * @return {@code label=value}
	 */
	@Override
	public String toString() {
		return this.label + "=" + this.value;
	}

}
