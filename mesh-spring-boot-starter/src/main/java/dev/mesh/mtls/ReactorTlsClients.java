package dev.mesh.mtls;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.ReactorClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;

/**
 * The mesh's Reactor Netty clients: the application's builder, with the mesh's Netty
 * context on every https connection. Only loaded when Reactor Netty is on the class path.
 */
final class ReactorTlsClients {

	private ReactorTlsClients() {
	}

	static boolean isReactor(ClientHttpRequestFactoryBuilder<?> builder) {
		return builder instanceof ReactorClientHttpRequestFactoryBuilder;
	}

	static boolean isReactor(ClientHttpConnectorBuilder<?> builder) {
		return builder instanceof ReactorClientHttpConnectorBuilder;
	}

	static ClientHttpRequestFactory requestFactory(ClientHttpRequestFactoryBuilder<?> builder, MeshTlsContexts contexts,
			HttpClientSettings settings) {
		return ((ReactorClientHttpRequestFactoryBuilder) builder)
			.withHttpClientCustomizer(
					(client) -> client.secure((spec) -> spec.sslContext(NettyTls.client(contexts.client()))))
			.build(settings.withSslBundle(null));
	}

	static ClientHttpConnector connector(ClientHttpConnectorBuilder<?> builder, MeshTlsContexts contexts,
			HttpClientSettings settings) {
		return ((ReactorClientHttpConnectorBuilder) builder)
			.withHttpClientCustomizer(
					(client) -> client.secure((spec) -> spec.sslContext(NettyTls.client(contexts.client()))))
			.build(settings.withSslBundle(null));
	}

}
