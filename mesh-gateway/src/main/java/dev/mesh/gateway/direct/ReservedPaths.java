package dev.mesh.gateway.direct;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The paths that handler methods ahead of Spring Cloud Gateway take (the additional
 * health paths on the public port, a controller's mappings): their requests are left to
 * WebFlux. A path without escapes is compared as text when every pattern is literal;
 * anything else is matched as WebFlux matches it.
 */
final class ReservedPaths {

	static final ReservedPaths NONE = new ReservedPaths(List.of());

	private final List<PathPattern> patterns;

	private final Set<String> literals = new HashSet<>();

	private final boolean literal;

	ReservedPaths(List<PathPattern> patterns) {
		this.patterns = List.copyOf(patterns);
		boolean literal = true;
		for (PathPattern pattern : patterns) {
			literal &= !pattern.hasPatternSyntax();
			this.literals.add(pattern.getPatternString());
		}
		this.literal = literal;
	}

	/**
	 * Whether a handler ahead of Spring Cloud Gateway takes a path.
	 * @param rawPath the request's path, as sent
	 * @return whether the path is reserved
	 */
	boolean contains(String rawPath) {
		if (this.patterns.isEmpty()) {
			return false;
		}
		if (this.literal && rawPath.indexOf('%') < 0) {
			return this.literals.contains(rawPath);
		}
		PathContainer path = PathContainer.parsePath(rawPath);
		for (PathPattern pattern : this.patterns) {
			if (pattern.matches(path)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return the patterns.
	 * @return the patterns
	 */
	List<PathPattern> patterns() {
		return this.patterns;
	}

}
