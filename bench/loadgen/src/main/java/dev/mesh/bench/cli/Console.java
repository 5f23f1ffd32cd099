package dev.mesh.bench.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The command line's own output streams.
 */
final class Console {

	static final PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
			StandardCharsets.UTF_8);

	static final PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
			StandardCharsets.UTF_8);

	private Console() {
	}

	static void say(String format, Object... args) {
		out.println("[loadgen] " + String.format(format, args));
	}

}
