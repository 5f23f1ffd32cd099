package dev.mesh.inbound;

/**
 * The work of one of the application's {@code WebFilter}s, for a request that a server
 * handles below WebFlux. A server may serve a request without WebFlux only when every web
 * filter of the application has a step, and every step {@linkplain #accepts accepts} the
 * request; otherwise WebFlux serves it, with its filters. A step accepted a request has
 * exactly the effect of its filter: it {@linkplain #apply applies} once, before the
 * request is forwarded, and when it let the request through it learns when the request
 * was {@linkplain #completed completed}. Steps run in the order of their web filters.
 */
public interface InboundStep {

	/**
	 * Return the type of the web filter whose work this step does.
	 * @return the web filter's class
	 */
	Class<?> webFilter();

	/**
	 * Whether the step can do its filter's work for a request, without side effects. A
	 * step that cannot (for example because the request carries a header that its filter
	 * rewrites) leaves the request to WebFlux.
	 * @param request the request
	 * @return whether the request may be served without WebFlux
	 */
	default boolean accepts(InboundRequestView request) {
		return true;
	}

	/**
	 * Do the filter's work for a request that every step accepted.
	 * @param request the request
	 * @return {@code null} to let the request through, otherwise the answer the filter
	 * would have sent instead
	 */
	InboundRefusal apply(InboundRequestView request);

	/**
	 * Called once the answer to a request that this step let through is complete (or the
	 * client went away).
	 * @param request the request
	 */
	default void completed(InboundRequestView request) {
	}

}
