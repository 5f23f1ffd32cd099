package dev.mesh.bench.report;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The handshake suite's part of the report: its section and JSON.
 */
final class HandshakeReport {

	private final HandshakeData data;

	private final HandshakeSummary summary;

	HandshakeReport(HandshakeData data) {
		this.data = data;
		List<String> order = Arrays.asList(data.settings().getOrDefault("order", HandshakeSummary.BASELINE).split(","));
		this.summary = new HandshakeSummary(data.samples(), order);
	}

	boolean isEmpty() {
		return this.summary.isEmpty();
	}

	Markdown section(int heading, boolean method) {
		return isEmpty() ? new Markdown()
				: new HandshakeTables(this.summary, this.data.settings()).section(heading, method);
	}

	Map<String, Object> json() {
		Map<String, Object> json = new LinkedHashMap<>();
		if (!isEmpty()) {
			json.put("handshake", Map.of("servers", this.summary.rows(), "ratiosToNginx", this.summary.ratios()));
		}
		return json;
	}

}
