package dev.mesh.authz;

import java.util.List;
import java.util.function.Function;

/**
 * What access policies match of one request, the same for servlet and reactive servers.
 *
 * @param peer who the caller is
 * @param method the HTTP method
 * @param path the normalized path, {@code null} when the raw path cannot be normalized
 * @param headers the values of a request header by name, an empty list when absent
 */
record AccessRequest(PeerIdentity peer, String method, String path, Function<String, List<String>> headers) {

}
