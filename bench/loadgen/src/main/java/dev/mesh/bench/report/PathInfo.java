package dev.mesh.bench.report;

/**
 * A target of the hop suite as {@code bench/run} described it in {@code meta/paths.tsv}.
 *
 * @param id the id, e.g. {@code P1} or {@code floor}
 * @param measured whether the run measured it
 * @param available whether the harness can measure it ({@code false} for a path
 * registered as unavailable, whose note says why)
 * @param label a short description
 * @param note why it was not measured, or a caveat
 */
record PathInfo(String id, boolean measured, boolean available, String label, String note) {

	/**
	 * Parse one line of {@code paths.tsv}: id, status ({@code measured}, {@code not-run}
	 * or {@code unavailable}), label, note, separated by tabs.
	 * @param line the line
	 * @return the path
	 */
	static PathInfo parse(String line) {
		String[] fields = line.split("\t", -1);
		String status = (fields.length > 1) ? fields[1].trim() : "";
		return new PathInfo(fields[0].trim(), "measured".equals(status), !"unavailable".equals(status),
				(fields.length > 2) ? fields[2].trim() : fields[0].trim(), (fields.length > 3) ? fields[3].trim() : "");
	}

}
