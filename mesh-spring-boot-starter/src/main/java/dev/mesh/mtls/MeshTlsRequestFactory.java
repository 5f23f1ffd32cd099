package dev.mesh.mtls;

import java.io.IOException;
import java.net.URI;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;

/**
 * Sends requests to mesh instances called with mutual TLS through a request factory of
 * the mesh's own (same HTTP library and settings, the mesh's TLS context, its own
 * connection pool), and every other request through the application's. When the mesh's
 * factory cannot exist (no identity, an HTTP library the mesh does not configure), such
 * requests fail with the reason: never plaintext, never the JVM's trust.
 */
final class MeshTlsRequestFactory implements ClientHttpRequestFactory {

	private final ClientHttpRequestFactory delegate;

	private final ClientHttpRequestFactory mesh;

	private final String unavailable;

	private final OutboundTls targets;

	MeshTlsRequestFactory(ClientHttpRequestFactory delegate, ClientHttpRequestFactory mesh, String unavailable,
			OutboundTls targets) {
		this.delegate = delegate;
		this.mesh = mesh;
		this.unavailable = unavailable;
		this.targets = targets;
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) throws IOException {
		if (isMutual(this.targets, uri)) {
			if (this.mesh == null) {
				throw new IOException(
						"Cannot call " + uri.getHost() + ":" + uri.getPort() + " with mutual TLS: " + this.unavailable);
			}
			return this.mesh.createRequest(uri, httpMethod);
		}
		return this.delegate.createRequest(uri, httpMethod);
	}

	static boolean isMutual(OutboundTls targets, URI uri) {
		if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
			return false;
		}
		return targets.isMutual(uri.getHost(), (uri.getPort() != -1) ? uri.getPort() : 443);
	}

}
