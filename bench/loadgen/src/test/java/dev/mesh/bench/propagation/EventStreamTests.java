package dev.mesh.bench.propagation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mesh.bench.loadgen.ResponseParser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A watch stream as the control service writes it (chunked server-sent events with
 * keepalive comments), read back into snapshot events.
 */
class EventStreamTests {

	private static final String STREAM = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
			+ "Transfer-Encoding: chunked\r\n\r\n"
			+ chunk("id:0\nevent:policy\ndata:{\"version\":0,\"properties\":{}}\n\n") + chunk(":keepalive\n\n")
			+ chunk("id:7\nevent:policy\ndata:{\"version\":7,") + chunk("\"properties\":{\"a\":\"1\"}}\n\n");

	@Test
	void readsEverySnapshotOfAChunkedStreamWhateverTheReadBoundaries() {
		for (int split = 1; split < STREAM.length(); split += 7) {
			List<EventStreamParser.Event> events = read(STREAM.substring(0, split), STREAM.substring(split));
			assertThat(events).as("split at %d", split)
				.containsExactly(new EventStreamParser.Event("policy", "0", "{\"version\":0,\"properties\":{}}"),
						new EventStreamParser.Event("policy", "7", "{\"version\":7,\"properties\":{\"a\":\"1\"}}"));
		}
	}

	@Test
	void joinsDataLinesAndIgnoresCommentsAndEventsWithoutData() {
		EventStreamParser parser = new EventStreamParser();
		List<EventStreamParser.Event> events = new ArrayList<>();
		for (String line : List.of(": hello", "event: ping", "", "data: one", "data:two", "retry: 10", "")) {
			EventStreamParser.Event event = parser.line(line);
			if (event != null) {
				events.add(event);
			}
		}
		assertThat(events).containsExactly(new EventStreamParser.Event("message", null, "one\ntwo"));
	}

	@Test
	void splitsLinesOnLfAndCrLfAndKeepsUtf8Intact() {
		LineSplitter splitter = new LineSplitter();
		List<String> lines = new ArrayList<>();
		byte[] bytes = "données: é\r\nnext\n".getBytes(StandardCharsets.UTF_8);
		for (byte b : bytes) {
			splitter.feed(ByteBuffer.wrap(new byte[] { b }), lines::add);
		}
		assertThat(lines).containsExactly("données: é", "next");
	}

	private static List<EventStreamParser.Event> read(String... reads) {
		List<EventStreamParser.Event> events = new ArrayList<>();
		EventStreamParser parser = new EventStreamParser();
		LineSplitter lines = new LineSplitter();
		ResponseParser response = new ResponseParser((body) -> lines.feed(body, (line) -> {
			EventStreamParser.Event event = parser.line(line);
			if (event != null) {
				events.add(event);
			}
		}));
		for (String read : reads) {
			ByteBuffer buffer = ByteBuffer.wrap(read.getBytes(StandardCharsets.UTF_8));
			assertThat(response.feed(buffer)).isFalse();
			assertThat(buffer.hasRemaining()).isFalse();
		}
		assertThat(response.status()).isEqualTo(200);
		return events;
	}

	private static String chunk(String data) {
		return Integer.toHexString(data.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + data + "\r\n";
	}

}
