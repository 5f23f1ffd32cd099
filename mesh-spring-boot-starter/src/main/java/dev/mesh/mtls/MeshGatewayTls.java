package dev.mesh.mtls;

import io.netty.handler.ssl.SslContext;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import reactor.netty.http.client.HttpClient;

/**
 * Spring Cloud Gateway's routing client with the mesh's client TLS: every https
 * connection it opens presents the workload's current certificate and checks the server
 * against the identity of the destination at that address. {@code lb://} routes are https
 * exactly when {@link OutboundTls} calls the picked instance with mutual TLS. The
 * gateway's client is built once, so its connection pool is kept; the Netty context is
 * built once over the mesh's context, so renewed certificates need no new client. Applied
 * after the gateway's own SSL settings, which it replaces: an https route to a server
 * outside the mesh is refused ({@code unknown-destination}).
 */
final class MeshGatewayTls implements HttpClientCustomizer {

	private final MeshTlsContexts contexts;

	private volatile SslContext context;

	MeshGatewayTls(MeshTlsContexts contexts) {
		this.contexts = contexts;
	}

	@Override
	public HttpClient customize(HttpClient httpClient) {
		return httpClient.secure((spec) -> spec.sslContext(context()));
	}

	private SslContext context() {
		SslContext current = this.context;
		if (current == null) {
			current = NettyTls.client(this.contexts.client());
			this.context = current;
		}
		return current;
	}

}
