package dev.mesh.resilience;

/**
 * What a {@link CallerIdentityResolver} may read of an inbound request, the same for
 * servlet and reactive servers.
 */
@FunctionalInterface
public interface InboundRequest {

	/**
	 * Return the first value of a request header.
	 * @param name the header name
	 * @return the value, {@code null} when absent
	 */
	String header(String name);

	/**
	 * Return an attribute of the request: a servlet request attribute, or an attribute of
	 * the reactive exchange.
	 * @param name the attribute name
	 * @return the value, {@code null} when absent
	 */
	default Object attribute(String name) {
		return null;
	}

}
