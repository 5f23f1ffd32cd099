package dev.mesh.mtls;

import java.net.URI;
import java.util.function.Function;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;
import reactor.core.publisher.Mono;

/**
 * The reactive counterpart of {@link MeshTlsRequestFactory}: mesh mutual TLS calls go
 * through a connector of the mesh's own, everything else through the application's.
 */
final class MeshTlsConnector implements ClientHttpConnector {

	private final ClientHttpConnector delegate;

	private final ClientHttpConnector mesh;

	private final String unavailable;

	private final OutboundTls targets;

	MeshTlsConnector(ClientHttpConnector delegate, ClientHttpConnector mesh, String unavailable, OutboundTls targets) {
		this.delegate = delegate;
		this.mesh = mesh;
		this.unavailable = unavailable;
		this.targets = targets;
	}

	@Override
	public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
			Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
		if (MeshTlsRequestFactory.isMutual(this.targets, uri)) {
			if (this.mesh == null) {
				return Mono.error(new IllegalStateException("Cannot call " + uri.getHost() + ":" + uri.getPort()
						+ " with mutual TLS: " + this.unavailable));
			}
			return this.mesh.connect(method, uri, requestCallback);
		}
		return this.delegate.connect(method, uri, requestCallback);
	}

}
