package dev.mesh.netty;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import reactor.netty.http.server.HttpServer;

/**
 * Auto-configuration of a reactive web application's Reactor Netty server: kept-alive
 * connections go on reading after a queued request is answered at once
 * ({@link KeepAliveReads}).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ HttpServer.class, NettyServerCustomizer.class })
public final class MeshNettyAutoConfiguration {

	@Bean
	NettyServerCustomizer meshKeepAliveReadsCustomizer() {
		return (server) -> server
			.doOnChannelInit((observer, channel, remoteAddress) -> KeepAliveReads.addTo(channel.pipeline()));
	}

}
