package dev.mesh.mtls;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.JdkClientHttpConnectorBuilder;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.ClassUtils;

/**
 * Wraps the application's connector builder like {@link MeshTlsRequestFactoryBuilder}
 * wraps its request factory builder.
 */
final class MeshTlsConnectorBuilder implements ClientHttpConnectorBuilder<ClientHttpConnector> {

	private static final boolean REACTOR = ClassUtils.isPresent("reactor.netty.http.client.HttpClient",
			MeshTlsConnectorBuilder.class.getClassLoader());

	private final ClientHttpConnectorBuilder<?> delegate;

	private final MeshTlsContexts contexts;

	private final OutboundTls targets;

	MeshTlsConnectorBuilder(ClientHttpConnectorBuilder<?> delegate, MeshTlsContexts contexts, OutboundTls targets) {
		this.delegate = delegate;
		this.contexts = contexts;
		this.targets = targets;
	}

	@Override
	public ClientHttpConnector build(HttpClientSettings settings) {
		HttpClientSettings applied = (settings != null) ? settings : HttpClientSettings.defaults();
		ClientHttpConnector mesh = mesh(applied);
		return new MeshTlsConnector(this.delegate.build(applied), mesh, (mesh != null) ? null : unavailable(),
				this.targets);
	}

	private ClientHttpConnector mesh(HttpClientSettings settings) {
		if (this.contexts == null) {
			return null;
		}
		if (REACTOR && ReactorTlsClients.isReactor(this.delegate)) {
			return ReactorTlsClients.connector(this.delegate, this.contexts, settings);
		}
		if (this.delegate instanceof JdkClientHttpConnectorBuilder jdk) {
			return jdk.build(settings.withSslBundle(new MeshClientSslBundle(this.contexts)));
		}
		return null;
	}

	private String unavailable() {
		if (this.contexts == null) {
			return "this workload has no identity (mesh.identity.enabled is false)";
		}
		return "the mesh configures mutual TLS on the Reactor Netty and JDK HTTP clients, not on "
				+ this.delegate.getClass().getSimpleName()
				+ " (set spring.http.clients.reactive.connector to reactor or jdk)";
	}

}
