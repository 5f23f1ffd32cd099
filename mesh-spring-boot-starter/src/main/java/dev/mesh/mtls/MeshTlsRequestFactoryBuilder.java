package dev.mesh.mtls;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.util.ClassUtils;

/**
 * Wraps the application's request factory builder: each factory it builds sends mesh
 * mutual TLS calls through a second factory of the same builder, with the application's
 * settings but the mesh's TLS (Reactor Netty's client over the mesh's Netty context, or
 * the JDK's client over the mesh's JDK context).
 */
final class MeshTlsRequestFactoryBuilder implements ClientHttpRequestFactoryBuilder<ClientHttpRequestFactory> {

	private static final boolean REACTOR = ClassUtils.isPresent("reactor.netty.http.client.HttpClient",
			MeshTlsRequestFactoryBuilder.class.getClassLoader());

	private final ClientHttpRequestFactoryBuilder<?> delegate;

	private final MeshTlsContexts contexts;

	private final OutboundTls targets;

	MeshTlsRequestFactoryBuilder(ClientHttpRequestFactoryBuilder<?> delegate, MeshTlsContexts contexts,
			OutboundTls targets) {
		this.delegate = delegate;
		this.contexts = contexts;
		this.targets = targets;
	}

	@Override
	public ClientHttpRequestFactory build(HttpClientSettings settings) {
		HttpClientSettings applied = (settings != null) ? settings : HttpClientSettings.defaults();
		ClientHttpRequestFactory mesh = mesh(applied);
		return new MeshTlsRequestFactory(this.delegate.build(applied), mesh, (mesh != null) ? null : unavailable(),
				this.targets);
	}

	private ClientHttpRequestFactory mesh(HttpClientSettings settings) {
		if (this.contexts == null) {
			return null;
		}
		if (REACTOR && ReactorTlsClients.isReactor(this.delegate)) {
			return ReactorTlsClients.requestFactory(this.delegate, this.contexts, settings);
		}
		if (this.delegate instanceof JdkClientHttpRequestFactoryBuilder jdk) {
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
				+ " (set spring.http.clients.imperative.factory to reactor or jdk)";
	}

}
