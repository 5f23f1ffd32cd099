package dev.mesh.bench.handshake;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.util.Assert;

/**
 * {@code openssl s_time} as the handshake suite runs it: {@code -new} (a new session for
 * every connection, so every handshake is a full one), {@code -www} (after each handshake
 * an HTTP/1.0 {@code GET}, read until the server closes: the server has verified the
 * client certificate and answered, which TLS 1.3's client-side handshake alone does not
 * show), client certificate and CA, and one protocol with one cipher suite.
 */
public final class STime {

	private static final Pattern TOTAL = Pattern
		.compile("(\\d+) connections in \\d+ real seconds, (\\d+) bytes read per connection");

	private STime() {
	}

	/**
	 * Return the command line of one client.
	 * @param openssl the {@code openssl} executable
	 * @param settings what to connect to and with which credentials
	 * @param seconds how long to make connections
	 * @return the command
	 */
	public static List<String> command(String openssl, Settings settings, long seconds) {
		List<String> command = new ArrayList<>(List.of(openssl, "s_time", "-connect", settings.connect(), "-new",
				"-time", Long.toString(seconds), "-www", settings.path(), "-cert", settings.cert(), "-key",
				settings.key(), "-CAfile", settings.ca()));
		switch (settings.protocol()) {
			case "TLSv1.3" -> command.addAll(List.of("-tls1_3", "-ciphersuites", "TLS_AES_128_GCM_SHA256"));
			case "TLSv1.2" -> command.addAll(List.of("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256"));
			default -> throw new IllegalArgumentException(
					"Unsupported protocol '" + settings.protocol() + "': TLSv1.3 or TLSv1.2");
		}
		return command;
	}

	/**
	 * Read what one client did from its output.
	 * @param output everything {@code s_time} printed
	 * @return the connections made and the bytes each read
	 * @throws IllegalStateException if the output has no totals (the run failed)
	 */
	public static Result parse(String output) {
		Matcher total = TOTAL.matcher(output);
		if (!total.find()) {
			throw new IllegalStateException("Unexpected openssl s_time output: " + output.trim());
		}
		return new Result(Long.parseLong(total.group(1)), Long.parseLong(total.group(2)));
	}

	/**
	 * What the clients connect to and with.
	 *
	 * @param connect {@code host:port}
	 * @param path the path requested after each handshake
	 * @param protocol {@code TLSv1.3} or {@code TLSv1.2}
	 * @param cert the client certificate (PEM)
	 * @param key its private key (PEM)
	 * @param ca the CA certificate that signed the server's (PEM)
	 */
	public record Settings(String connect, String path, String protocol, String cert, String key, String ca) {

		public Settings {
			Assert.hasText(connect, "'connect' must not be empty");
			Assert.isTrue(path != null && path.startsWith("/"), "'path' must start with /");
			Assert.hasText(cert, "'cert' must not be empty");
			Assert.hasText(key, "'key' must not be empty");
			Assert.hasText(ca, "'ca' must not be empty");
		}

	}

	/**
	 * One client's totals.
	 *
	 * @param connections connections made, each a full handshake and one request
	 * @param bytesPerConnection bytes of response read per connection
	 */
	public record Result(long connections, long bytesPerConnection) {

	}

}
