package dev.mesh.mtls;

import javax.net.ssl.SSLContext;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;

/**
 * Netty contexts over the mesh's JDK contexts, so that Netty's engines are the mesh's
 * observed ones.
 */
final class NettyTls {

	private NettyTls() {
	}

	static SslContext server(SSLContext context, ClientAuth clientAuth) {
		return new JdkSslContext(context, false, null, IdentityCipherSuiteFilter.INSTANCE, null, clientAuth, null,
				false);
	}

	static SslContext client(SSLContext context) {
		return new JdkSslContext(context, true, null, IdentityCipherSuiteFilter.INSTANCE, null, ClientAuth.NONE, null,
				false);
	}

}
