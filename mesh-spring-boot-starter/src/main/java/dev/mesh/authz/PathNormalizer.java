package dev.mesh.authz;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Brings a raw request path (as sent, still percent-encoded) into the one form access
 * policy paths are matched against, so that every spelling of a path gets the decision of
 * its canonical form. Per segment: path parameters ({@code ;...}) are dropped, percent
 * escapes decoded (UTF-8), and decoded {@code /} and {@code \} split it further; then
 * empty and {@code .} segments are dropped and {@code ..} removes the segment before it,
 * without a trailing {@code /}. A path that cannot be brought into that form without
 * guessing is refused ({@code null}): one that does not start with {@code /}, is longer
 * than {@value #MAX_LENGTH} characters, has raw characters outside printable ASCII, a
 * malformed escape, bytes that are not UTF-8, a decoded control character, an escape that
 * is still encoded after decoding ({@code %252F}), or a {@code ..} above the root.
 */
final class PathNormalizer {

	/**
	 * Longest raw path normalized.
	 */
	static final int MAX_LENGTH = 8192;

	private PathNormalizer() {
	}

	/**
	 * Normalize a raw request path.
	 * @param raw the path as sent, without the query
	 * @param lowerCase whether to lower-case it, for case-insensitive matching
	 * @return the normalized path, or {@code null} when it cannot be normalized safely
	 */
	static String normalize(String raw, boolean lowerCase) {
		if (raw != null && raw.isEmpty()) {
			// the root of an application with a context path: "/app"
			return "/";
		}
		if (raw == null || raw.charAt(0) != '/' || raw.length() > MAX_LENGTH) {
			return null;
		}
		List<String> segments = new ArrayList<>();
		int start = 1;
		while (start <= raw.length()) {
			int end = raw.indexOf('/', start);
			if (end < 0) {
				end = raw.length();
			}
			String segment = raw.substring(start, end);
			int parameters = segment.indexOf(';');
			String decoded = decode((parameters >= 0) ? segment.substring(0, parameters) : segment);
			if (decoded == null || !add(decoded, segments)) {
				return null;
			}
			start = end + 1;
		}
		String path = "/" + String.join("/", segments);
		return lowerCase ? path.toLowerCase(Locale.ROOT) : path;
	}

	/**
	 * Apply a decoded segment, which may hold decoded separators.
	 * @return {@code false} when it climbs above the root
	 */
	private static boolean add(String decoded, List<String> segments) {
		int start = 0;
		while (start <= decoded.length()) {
			int end = start;
			while (end < decoded.length() && decoded.charAt(end) != '/' && decoded.charAt(end) != '\\') {
				end++;
			}
			String part = decoded.substring(start, end);
			if (part.equals("..")) {
				if (segments.isEmpty()) {
					return false;
				}
				segments.remove(segments.size() - 1);
			}
			else if (!part.isEmpty() && !part.equals(".")) {
				segments.add(part);
			}
			start = end + 1;
		}
		return true;
	}

	private static String decode(String segment) {
		boolean escaped = false;
		for (int i = 0; i < segment.length(); i++) {
			char c = segment.charAt(i);
			if (c <= ' ' || c >= 0x7f) {
				return null;
			}
			escaped |= c == '%';
		}
		if (!escaped) {
			return segment;
		}
		ByteBuffer bytes = ByteBuffer.allocate(segment.length());
		for (int i = 0; i < segment.length(); i++) {
			char c = segment.charAt(i);
			if (c != '%') {
				bytes.put((byte) c);
				continue;
			}
			int high = (i + 2 < segment.length()) ? hex(segment.charAt(i + 1)) : -1;
			int low = (high >= 0) ? hex(segment.charAt(i + 2)) : -1;
			if (low < 0) {
				return null;
			}
			bytes.put((byte) ((high << 4) + low));
			i += 2;
		}
		bytes.flip();
		String decoded;
		try {
			CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(bytes);
			decoded = chars.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
		return isSafe(decoded) ? decoded : null;
	}

	private static boolean isSafe(String decoded) {
		for (int i = 0; i < decoded.length(); i++) {
			char c = decoded.charAt(i);
			if (Character.isISOControl(c)) {
				return false;
			}
			if (c == '%' && i + 2 < decoded.length() && hex(decoded.charAt(i + 1)) >= 0
					&& hex(decoded.charAt(i + 2)) >= 0) {
				// Encoded twice: whatever decodes it again would see another path
				return false;
			}
		}
		return true;
	}

	private static int hex(char c) {
		if (c >= '0' && c <= '9') {
			return c - '0';
		}
		if (c >= 'a' && c <= 'f') {
			return c - 'a' + 10;
		}
		return (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
	}

}
