package dev.mesh.bench.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.mesh.bench.results.HandshakeSample;

/**
 * What the handshake suite left in a results folder: one sample per server, protocol and
 * repetition ({@code raw/handshake}) and its settings ({@code meta/handshake.txt}: the
 * servers' labels, what each negotiated, the clients).
 *
 * @param samples the measured segments
 * @param settings the suite's settings
 */
record HandshakeData(List<HandshakeSample> samples, Map<String, String> settings) {

	static HandshakeData load(Path directory) {
		return new HandshakeData(RunData.read(directory.resolve("raw/handshake"), HandshakeSample.class),
				RunData.properties(directory.resolve("meta/handshake.txt")));
	}

}
