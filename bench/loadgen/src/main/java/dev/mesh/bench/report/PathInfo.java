package dev.mesh.bench.report;

/**
 * A target of the hop suite as {@code bench/run} described it in {@code meta/paths.tsv}.
 *
 * @param id the id, e.g. {@code P1} or {@code floor}
 * @param measured whether the run measured it
 * @param label a short description
 * @param note why it was not measured, or a caveat
 */
record PathInfo(String id, boolean measured, String label, String note) {

	/**
	 * Parse one line of {@code paths.tsv}: id, status ({@code measured} or anything
	 * else), label, note, separated by tabs.
	 * @param line the line
	 * @return the path
	 */
	static PathInfo parse(String line) {
		String[] fields = line.split("\t", -1);
		return new PathInfo(fields[0].trim(), fields.length > 1 && "measured".equals(fields[1].trim()),
				(fields.length > 2) ? fields[2].trim() : fields[0].trim(), (fields.length > 3) ? fields[3].trim() : "");
	}

}
