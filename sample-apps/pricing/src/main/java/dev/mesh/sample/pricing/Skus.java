package dev.mesh.sample.pricing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Reads and checks the {@code skus} request parameter.
 */
final class Skus {

	/**
	 * Name of the request parameter.
	 */
	static final String PARAMETER = "skus";

	/**
	 * Most SKUs one request may price.
	 */
	static final int MAX = 20;

	private static final Pattern SKU = Pattern.compile("[a-z0-9-]{1,32}");

	private static final int MAX_ECHO = 40;

	private Skus() {
	}

	/**
	 * Parse a comma-separated list of SKUs, dropping duplicates.
	 * @param text the parameter value
	 * @return the SKUs in request order
	 * @throws ErrorResponseException answered with 400 naming the parameter
	 */
	static List<String> parse(String text) {
		if (text == null || text.isBlank()) {
			throw invalid("must list 1 to " + MAX + " SKUs separated by commas");
		}
		String[] parts = text.split(",", -1);
		if (parts.length > MAX) {
			throw invalid("must list at most " + MAX + " SKUs, but lists " + parts.length);
		}
		Set<String> skus = new LinkedHashSet<>();
		for (String part : parts) {
			String sku = part.strip();
			if (!SKU.matcher(sku).matches()) {
				throw invalid("contains '" + echo(sku) + "', but each SKU must match " + SKU.pattern());
			}
			skus.add(sku);
		}
		return new ArrayList<>(skus);
	}

	private static ErrorResponseException invalid(String reason) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Parameter '" + PARAMETER + "' " + reason);
		problem.setTitle("Invalid request parameter");
		problem.setProperty("parameter", PARAMETER);
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}

	private static String echo(String value) {
		return (value.length() <= MAX_ECHO) ? value : value.substring(0, MAX_ECHO) + "...";
	}

}
