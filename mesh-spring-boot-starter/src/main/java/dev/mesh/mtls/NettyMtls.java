package dev.mesh.mtls;

import java.net.SocketAddress;

import io.netty.channel.Channel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OptionalSslHandler;
import io.netty.handler.ssl.SslContext;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import reactor.netty.ConnectionObserver;

import dev.mesh.policy.spec.MtlsMode;

/**
 * Serves the mesh's mTLS modes on Reactor Netty. Each new connection gets the handler of
 * the mode in force when it is accepted: STRICT an SSL handler that requires a client
 * certificate; PERMISSIVE one that looks at the first bytes and adds an SSL handler (a
 * client certificate optional) for a TLS record and nothing for plaintext, on the same
 * port; DISABLED nothing. Every mode change therefore applies live to new connections.
 * The server is not Reactor Netty's {@code secure()} one; Reactor Netty still sees the
 * SSL handler, so requests report {@code https} and their SSL session.
 */
final class NettyMtls implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory>, ServerMtls.Server, Ordered {

	/**
	 * Name of the mesh's handler, first in the connection's pipeline.
	 */
	static final String HANDLER = "mesh.tls";

	private final ServerMtls mtls;

	private final MeshTlsContexts contexts;

	private volatile SslContext strict;

	private volatile SslContext permissive;

	private volatile boolean installed;

	NettyMtls(ServerMtls mtls, MeshTlsContexts contexts) {
		this.mtls = mtls;
		this.contexts = contexts;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void customize(NettyReactiveWebServerFactory factory) {
		MtlsMode mode = this.mtls.mode();
		if (mode != MtlsMode.DISABLED) {
			MeshServerSsl.takeOver(factory, mode);
		}
		else if (Ssl.isEnabled(factory.getSsl())) {
			// The application serves its own TLS
			this.mtls.attach(this, "netty");
			return;
		}
		this.installed = true;
		this.strict = NettyTls.server(this.contexts.server(), ClientAuth.REQUIRE);
		this.permissive = NettyTls.server(this.contexts.server(), ClientAuth.OPTIONAL);
		factory.addServerCustomizers((server) -> server.doOnChannelInit(this::initChannel));
		this.mtls.attach(this, "netty");
	}

	private void initChannel(ConnectionObserver observer, Channel channel, SocketAddress remoteAddress) {
		switch (this.mtls.mode()) {
			case STRICT -> channel.pipeline().addFirst(HANDLER, this.strict.newHandler(channel.alloc()));
			case PERMISSIVE -> channel.pipeline().addFirst(HANDLER, new OptionalSslHandler(this.permissive));
			case DISABLED -> {
			}
		}
	}

	@Override
	public String apply(MtlsMode from, MtlsMode to) {
		return this.installed ? null
				: "restart required: the server was started with the application's own 'server.ssl' in DISABLED mode";
	}

	@Override
	public Integer plaintextPort() {
		return null;
	}

}
