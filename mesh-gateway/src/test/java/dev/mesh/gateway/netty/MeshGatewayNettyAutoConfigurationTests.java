package dev.mesh.gateway.netty;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

class MeshGatewayNettyAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MeshGatewayNettyAutoConfiguration.class));

	@Test
	void customizesTheReactorNettyServer() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(NettyServerCustomizer.class));
	}

	@Test
	void backsOffWithoutReactorNetty() {
		this.runner.withClassLoader(new FilteredClassLoader(HttpServer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(NettyServerCustomizer.class));
	}

	@Test
	void backsOffOutsideAReactiveWebApplication() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MeshGatewayNettyAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(NettyServerCustomizer.class));
	}

	@Test
	void watchesReadsAheadOfEveryOtherHandlerOnce() {
		EmbeddedChannel channel = new EmbeddedChannel(new HttpServerCodec());
		KeepAliveReads.addTo(channel.pipeline());
		KeepAliveReads.addTo(channel.pipeline());
		assertThat(channel.pipeline().names()).startsWith(KeepAliveReads.NAME).containsOnlyOnce(KeepAliveReads.NAME);
		channel.finishAndReleaseAll();
	}

}
