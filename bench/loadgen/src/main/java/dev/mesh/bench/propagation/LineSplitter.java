package dev.mesh.bench.propagation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits a byte stream into UTF-8 lines ending in LF or CRLF, as they complete. Not
 * thread-safe: one splitter per stream.
 */
public final class LineSplitter {

	private static final int MAX_LINE = 4 * 1024 * 1024;

	private byte[] line = new byte[1024];

	private int length;

	/**
	 * Consume bytes.
	 * @param bytes the bytes, consumed entirely
	 * @param lines receives every line the bytes completed, without its terminator
	 * @throws IllegalStateException if a line grows beyond 4 MiB
	 */
	public void feed(ByteBuffer bytes, Consumer<String> lines) {
		while (bytes.hasRemaining()) {
			byte b = bytes.get();
			if (b == '\n') {
				int end = (this.length > 0 && this.line[this.length - 1] == '\r') ? this.length - 1 : this.length;
				String text = new String(this.line, 0, end, StandardCharsets.UTF_8);
				this.length = 0;
				lines.accept(text);
				continue;
			}
			if (this.length == this.line.length) {
				if (this.length >= MAX_LINE) {
					throw new IllegalStateException("line longer than " + MAX_LINE + " bytes");
				}
				this.line = Arrays.copyOf(this.line, this.length * 2);
			}
			this.line[this.length++] = b;
		}
	}

}
