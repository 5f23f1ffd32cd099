package dev.mesh.bench.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Command-line arguments: a command, {@code --name value} options, {@code --flag}
 * switches, and everything after {@code --}.
 */
final class Args {

	private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)?");

	private final String command;

	private final Map<String, String> options;

	private final List<String> rest;

	private Args(String command, Map<String, String> options, List<String> rest) {
		this.command = command;
		this.options = options;
		this.rest = rest;
	}

	static Args parse(String... argv) {
		if (argv.length == 0) {
			throw new IllegalArgumentException("No command given");
		}
		Map<String, String> options = new LinkedHashMap<>();
		List<String> rest = new ArrayList<>();
		for (int i = 1; i < argv.length; i++) {
			String arg = argv[i];
			if ("--".equals(arg)) {
				rest.addAll(Arrays.asList(argv).subList(i + 1, argv.length));
				break;
			}
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("Unexpected argument '" + arg + "'");
			}
			String name = arg.substring(2);
			boolean hasValue = i + 1 < argv.length && !argv[i + 1].startsWith("--");
			options.put(name, (hasValue) ? argv[++i] : "true");
		}
		return new Args(argv[0], options, rest);
	}

	String command() {
		return this.command;
	}

	List<String> rest() {
		return this.rest;
	}

	String required(String name) {
		String value = this.options.get(name);
		if (value == null) {
			throw new IllegalArgumentException("Missing --" + name);
		}
		return value;
	}

	String get(String name, String defaultValue) {
		return this.options.getOrDefault(name, defaultValue);
	}

	boolean flag(String name) {
		return Boolean.parseBoolean(this.options.getOrDefault(name, "false"));
	}

	int intValue(String name, int defaultValue) {
		String value = this.options.get(name);
		return (value != null) ? Integer.parseInt(value) : defaultValue;
	}

	double doubleValue(String name, double defaultValue) {
		String value = this.options.get(name);
		return (value != null) ? Double.parseDouble(value) : defaultValue;
	}

	List<Double> doubles(String name) {
		String value = this.options.get(name);
		if (value == null || value.isBlank()) {
			return List.of();
		}
		return Arrays.stream(value.split(",")).map(String::trim).map(Double::valueOf).toList();
	}

	Duration duration(String name, Duration defaultValue) {
		String value = this.options.get(name);
		return (value != null) ? parseDuration(value) : defaultValue;
	}

	/**
	 * Parse {@code 500ms}, {@code 5s} (the default unit) or {@code 2m}.
	 * @param text the text
	 * @return the duration
	 */
	static Duration parseDuration(String text) {
		Matcher matcher = DURATION.matcher(text.trim());
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Not a duration: '" + text + "' (use 500ms, 5s or 2m)");
		}
		double amount = Double.parseDouble(matcher.group(1));
		String unit = (matcher.group(2) != null) ? matcher.group(2) : "s";
		double millis = switch (unit) {
			case "ms" -> amount;
			case "m" -> amount * 60_000;
			default -> amount * 1000;
		};
		return Duration.ofMillis(Math.round(millis));
	}

}
