package dev.mesh.bench.loadgen;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Incremental parser of one HTTP/1.1 response at a time, fed with whatever bytes the
 * socket returned. It keeps the status, the framing (content length, chunked, close) and,
 * when asked, the value of one header, and skips the body without copying it, or hands
 * it, unframed, to a listener.
 */
public final class ResponseParser {

	private static final int MAX_HEAD = 16 * 1024;

	private final byte[] head = new byte[MAX_HEAD];

	private final byte[] line = new byte[256];

	private State state = State.HEAD;

	private int headLength;

	private int lineLength;

	private int status;

	private boolean close;

	private boolean chunked;

	private long remaining;

	private long bodyBytes;

	private boolean started;

	private final BodyListener listener;

	private final String keptHeader;

	private String keptValue;

	/**
	 * Create a parser that skips bodies.
	 */
	public ResponseParser() {
		this(null, null);
	}

	/**
	 * Create a parser that hands the bytes of every body, without chunk framing, to a
	 * listener as they arrive.
	 * @param listener the listener, or {@code null} to skip bodies
	 */
	public ResponseParser(BodyListener listener) {
		this(listener, null);
	}

	/**
	 * Create a parser that hands bodies to a listener and keeps the value of one header.
	 * @param listener the listener, or {@code null} to skip bodies
	 * @param keptHeader name of the header whose value {@link #header()} returns, or
	 * {@code null}
	 */
	public ResponseParser(BodyListener listener, String keptHeader) {
		this.listener = listener;
		this.keptHeader = (keptHeader != null) ? keptHeader.toLowerCase(Locale.ROOT) : null;
	}

	/**
	 * Consume bytes up to the end of the current response.
	 * @param buffer bytes from the socket; bytes after the end of the response are left
	 * in it
	 * @return whether the response is complete
	 * @throws IllegalStateException if the bytes are not a valid HTTP/1.1 response
	 */
	public boolean feed(ByteBuffer buffer) {
		while (buffer.hasRemaining() && this.state != State.DONE) {
			this.started = true;
			switch (this.state) {
				case HEAD -> readHead(buffer);
				case BODY, CHUNK_DATA -> skipBody(buffer);
				case CHUNK_SIZE, CHUNK_END, TRAILER -> readChunkLine(buffer);
				default -> throw new IllegalStateException("unexpected state " + this.state);
			}
		}
		return this.state == State.DONE;
	}

	/**
	 * Called when the server closed the connection: a response framed by the close is
	 * then complete.
	 * @return whether the response is complete
	 */
	public boolean endOfStream() {
		if (this.state == State.BODY && this.remaining < 0) {
			this.state = State.DONE;
		}
		return this.state == State.DONE;
	}

	public void reset() {
		this.state = State.HEAD;
		this.headLength = 0;
		this.lineLength = 0;
		this.status = 0;
		this.close = false;
		this.chunked = false;
		this.remaining = 0;
		this.bodyBytes = 0;
		this.started = false;
		this.keptValue = null;
	}

	public int status() {
		return this.status;
	}

	/**
	 * Whether the connection must be closed after this response.
	 * @return whether the server asked to close, or the body is framed by the close
	 */
	public boolean closeAfter() {
		return this.close;
	}

	/**
	 * Return the value of the header this parser keeps, as the server sent it.
	 * @return the value, or {@code null} when the response did not carry it (or no header
	 * is kept)
	 */
	public String header() {
		return this.keptValue;
	}

	public long bodyBytes() {
		return this.bodyBytes;
	}

	/**
	 * Whether any byte of the current response arrived.
	 * @return whether the response started
	 */
	public boolean started() {
		return this.started;
	}

	private void readHead(ByteBuffer buffer) {
		while (buffer.hasRemaining()) {
			if (this.headLength == MAX_HEAD) {
				throw new IllegalStateException("response head longer than " + MAX_HEAD + " bytes");
			}
			this.head[this.headLength++] = buffer.get();
			if (this.headLength >= 4 && this.head[this.headLength - 1] == '\n' && this.head[this.headLength - 2] == '\r'
					&& this.head[this.headLength - 3] == '\n' && this.head[this.headLength - 4] == '\r') {
				parseHead(new String(this.head, 0, this.headLength - 4, StandardCharsets.ISO_8859_1));
				return;
			}
		}
	}

	private void parseHead(String text) {
		String[] lines = text.split("\r\n");
		String[] statusLine = lines[0].split(" ", 3);
		if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
			throw new IllegalStateException("not an HTTP/1.x status line: " + lines[0]);
		}
		this.status = Integer.parseInt(statusLine[1]);
		this.close = "HTTP/1.0".equals(statusLine[0]);
		long contentLength = -1;
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon <= 0) {
				continue;
			}
			String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
			if (name.equals(this.keptHeader)) {
				this.keptValue = lines[i].substring(colon + 1).trim();
			}
			String value = lines[i].substring(colon + 1).trim().toLowerCase(Locale.ROOT);
			switch (name) {
				case "content-length" -> contentLength = Long.parseLong(value);
				case "transfer-encoding" -> this.chunked = value.endsWith("chunked");
				case "connection" ->
					this.close = value.contains("close") || (this.close && !value.contains("keep-alive"));
				default -> {
				}
			}
		}
		if (this.status == 204 || this.status == 304 || this.status / 100 == 1) {
			this.state = State.DONE;
		}
		else if (this.chunked) {
			this.state = State.CHUNK_SIZE;
		}
		else if (contentLength >= 0) {
			this.remaining = contentLength;
			this.state = (contentLength > 0) ? State.BODY : State.DONE;
		}
		else {
			this.remaining = -1;
			this.close = true;
			this.state = State.BODY;
		}
	}

	private void skipBody(ByteBuffer buffer) {
		int available = buffer.remaining();
		int take = (this.remaining < 0) ? available : (int) Math.min(available, this.remaining);
		if (this.listener != null && take > 0) {
			ByteBuffer body = buffer.slice();
			body.limit(take);
			this.listener.body(body);
		}
		buffer.position(buffer.position() + take);
		this.bodyBytes += take;
		if (this.remaining < 0) {
			return;
		}
		this.remaining -= take;
		if (this.remaining == 0) {
			this.state = (this.state == State.CHUNK_DATA) ? State.CHUNK_END : State.DONE;
		}
	}

	private void readChunkLine(ByteBuffer buffer) {
		while (buffer.hasRemaining()) {
			byte b = buffer.get();
			if (b == '\n') {
				String text = new String(this.line, 0, this.lineLength, StandardCharsets.ISO_8859_1).trim();
				this.lineLength = 0;
				endOfChunkLine(text);
				return;
			}
			if (this.lineLength < this.line.length) {
				this.line[this.lineLength++] = b;
			}
		}
	}

	private void endOfChunkLine(String text) {
		switch (this.state) {
			case CHUNK_SIZE -> {
				int extension = text.indexOf(';');
				long size = Long.parseLong((extension >= 0) ? text.substring(0, extension).trim() : text, 16);
				this.remaining = size;
				this.state = (size > 0) ? State.CHUNK_DATA : State.TRAILER;
			}
			case CHUNK_END -> this.state = State.CHUNK_SIZE;
			case TRAILER -> {
				if (text.isEmpty()) {
					this.state = State.DONE;
				}
			}
			default -> throw new IllegalStateException("unexpected state " + this.state);
		}
	}

	/**
	 * Receives the bytes of a body as they arrive.
	 */
	@FunctionalInterface
	public interface BodyListener {

		/**
		 * Some bytes of the body; they are only valid during the call.
		 * @param bytes the bytes
		 */
		void body(ByteBuffer bytes);

	}

	private enum State {

		HEAD, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER, DONE

	}

}
