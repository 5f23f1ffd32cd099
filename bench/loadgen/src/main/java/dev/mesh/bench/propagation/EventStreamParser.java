package dev.mesh.bench.propagation;

/**
 * Reads server-sent events line by line, as the HTML living standard defines them:
 * {@code field: value} lines, {@code :} comments (the control service's keepalives), an
 * empty line dispatching the event. An event without data is not dispatched. Not
 * thread-safe: one parser per stream.
 */
public final class EventStreamParser {

	private String name;

	private String id;

	private StringBuilder data;

	/**
	 * Read one line, without its line terminator.
	 * @param line the line
	 * @return the event the line completed, or {@code null}
	 */
	public Event line(String line) {
		if (line.isEmpty()) {
			Event event = (this.data != null)
					? new Event((this.name != null) ? this.name : "message", this.id, this.data.toString()) : null;
			this.name = null;
			this.data = null;
			return event;
		}
		if (line.charAt(0) == ':') {
			return null;
		}
		int colon = line.indexOf(':');
		String field = (colon >= 0) ? line.substring(0, colon) : line;
		String value = (colon >= 0) ? line.substring(colon + 1) : "";
		if (value.startsWith(" ")) {
			value = value.substring(1);
		}
		switch (field) {
			case "event" -> this.name = value;
			case "id" -> this.id = value;
			case "data" -> {
				if (this.data == null) {
					this.data = new StringBuilder(value);
				}
				else {
					this.data.append('\n').append(value);
				}
			}
			default -> {
				// retry and unknown fields do not matter here
			}
		}
		return null;
	}

	/**
	 * One dispatched event.
	 *
	 * @param name the event name, {@code message} when the stream named none
	 * @param id the last event id seen on the stream, or {@code null}
	 * @param data the data lines, joined by newlines
	 */
	public record Event(String name, String id, String data) {

	}

}
