package dev.mesh.netty;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import reactor.netty.ChannelPipelineConfigurer;
import reactor.netty.ConnectionObserver;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

class MeshNettyAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MeshNettyAutoConfiguration.class));

	@Test
	void customizesTheReactorNettyServer() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(NettyServerCustomizer.class)
			.hasBean("meshKeepAliveReadsCustomizer"));
	}

	@Test
	void putsTheHandlerFirstInEveryServerConnectionOnce() {
		this.runner.run((context) -> {
			HttpServer server = context.getBean(NettyServerCustomizer.class).apply(HttpServer.create());
			ChannelPipelineConfigurer init = server.configuration().doOnChannelInit();
			EmbeddedChannel channel = new EmbeddedChannel(new HttpServerCodec());
			init.onChannelInit(ConnectionObserver.emptyListener(), channel, null);
			// Something else adding it too leaves a single one
			KeepAliveReads.addTo(channel.pipeline());
			assertThat(channel.pipeline().names()).startsWith(KeepAliveReads.NAME)
				.containsOnlyOnce(KeepAliveReads.NAME);
			assertThat(channel.pipeline().first()).isInstanceOf(KeepAliveReads.class);
			channel.finishAndReleaseAll();
		});
	}

	@Test
	void backsOffWithoutReactorNetty() {
		this.runner.withClassLoader(new FilteredClassLoader(HttpServer.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(NettyServerCustomizer.class));
	}

	@Test
	void backsOffWithoutSpringBootsReactorNettySupport() {
		this.runner.withClassLoader(new FilteredClassLoader(NettyServerCustomizer.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("meshKeepAliveReadsCustomizer"));
	}

	@Test
	void backsOffInAServletApplication() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(MeshNettyAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(NettyServerCustomizer.class));
	}

	@Test
	void backsOffOutsideAWebApplication() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MeshNettyAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(NettyServerCustomizer.class));
	}

}
