package dev.mesh.bench.apps.caller;

import java.util.function.Supplier;

/**
 * Wraps the backend call of some routes, for example in a circuit breaker library's
 * decorators, so that one caller can serve the same call with and without that library
 * side by side. The plain and mesh builds declare none: their calls are made directly.
 */
public interface CallGuard {

	/**
	 * Return whether this guard wraps the calls of a route.
	 * @param route the route name
	 * @return whether it does
	 */
	boolean guards(String route);

	/**
	 * Make one call of a route through this guard.
	 * @param route the route name
	 * @param call the call to the backend
	 * @return the backend's body
	 */
	byte[] call(String route, Supplier<byte[]> call);

}
