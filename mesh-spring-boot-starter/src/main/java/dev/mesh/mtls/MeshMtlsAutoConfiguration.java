package dev.mesh.mtls;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.client.reactive.ClientHttpConnector;

import dev.mesh.core.MeshCoreAutoConfiguration;
import dev.mesh.core.MeshPolicyState;
import dev.mesh.discovery.MeshDiscoveryAutoConfiguration;
import dev.mesh.discovery.MeshEndpoints;
import dev.mesh.discovery.MeshRegistrationMetadata;
import dev.mesh.identity.MeshIdentity;
import dev.mesh.identity.MeshIdentityAutoConfiguration;

/**
 * Auto-configuration of mutual TLS between workloads: the server's mode (Tomcat or
 * Reactor Netty, with {@code mesh.identity.enabled}), its registration metadata, the
 * outbound clients' TLS per destination (with Spring Cloud Gateway, its routing client's
 * too), and the handshake counts.
 */
@AutoConfiguration(after = { MeshCoreAutoConfiguration.class, MeshIdentityAutoConfiguration.class,
		MeshDiscoveryAutoConfiguration.class })
@EnableConfigurationProperties(MeshMtlsProperties.class)
public final class MeshMtlsAutoConfiguration {

	@Bean
	TlsHandshakes meshTlsHandshakes() {
		return new TlsHandshakes();
	}

	@Bean
	ServerMtls meshServerMtls(MeshPolicyState policy, ObjectProvider<MeshIdentity> identity, TlsHandshakes handshakes) {
		return new ServerMtls(policy, identity.getIfAvailable() != null, handshakes);
	}

	@Bean
	MeshRegistrationMetadata meshMtlsRegistrationMetadata(ServerMtls mtls) {
		return mtls::metadata;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("mesh.identity.enabled")
	static class IdentityConfiguration {

		@Bean
		MeshTlsContexts meshTlsContexts(MeshIdentity identity, ObjectProvider<OutboundTls> outbound,
				TlsHandshakes handshakes) {
			// Resolved per handshake: the outbound side may not exist, and is not needed
			// to start the server
			ExpectedPeers peers = (host, port) -> {
				OutboundTls targets = outbound.getIfAvailable();
				return (targets != null) ? targets.expected(host, port) : ExpectedPeers.Expected.UNKNOWN;
			};
			return new MeshTlsContexts(identity, peers, handshakes, Clock.systemUTC());
		}

		@Bean
		@ConditionalOnWebApplication
		ApplicationListener<WebServerInitializedEvent> meshMtlsServedCheck(ServerMtls mtls) {
			return (event) -> {
				if (event.getApplicationContext().getServerNamespace() == null) {
					mtls.checkServed(event.getWebServer().getClass().getSimpleName());
				}
			};
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(HttpClientCustomizer.class)
		static class GatewayConfiguration {

			@Bean
			@Order(Ordered.LOWEST_PRECEDENCE)
			HttpClientCustomizer meshGatewayHttpClientCustomizer(MeshTlsContexts contexts) {
				return new MeshGatewayTls(contexts);
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnWebApplication
		@ConditionalOnClass(TomcatWebServerFactory.class)
		static class TomcatConfiguration {

			@Bean
			TomcatMtls meshTomcatMtls(ServerMtls mtls, MeshTlsContexts contexts, MeshMtlsProperties properties) {
				return new TomcatMtls(mtls, contexts, properties);
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
		@ConditionalOnClass({ NettyReactiveWebServerFactory.class, reactor.netty.http.server.HttpServer.class })
		static class NettyConfiguration {

			@Bean
			NettyMtls meshNettyMtls(ServerMtls mtls, MeshTlsContexts contexts) {
				return new NettyMtls(mtls, contexts);
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(MeshEndpoints.class)
	static class OutboundConfiguration {

		@Bean
		OutboundTls meshOutboundTls(MeshEndpoints endpoints, MeshMtlsProperties properties, MeshPolicyState policy,
				ObjectProvider<MeshIdentity> identity) {
			MeshIdentity own = identity.getIfAvailable();
			return new OutboundTls(endpoints, properties, policy, (own != null) ? own.spiffeId() : null);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(ClientHttpRequestFactoryBuilderCustomizer.class)
		static class BlockingClientConfiguration {

			@Bean
			@Order(Ordered.LOWEST_PRECEDENCE)
			ClientHttpRequestFactoryBuilderCustomizer<ClientHttpRequestFactoryBuilder<?>> meshTlsRequestFactoryBuilderCustomizer(
					OutboundTls outbound, ObjectProvider<MeshTlsContexts> contexts) {
				return (builder) -> new MeshTlsRequestFactoryBuilder(builder, contexts.getIfAvailable(), outbound);
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass({ ClientHttpConnectorBuilderCustomizer.class, ClientHttpConnector.class })
		static class ReactiveClientConfiguration {

			@Bean
			@Order(Ordered.LOWEST_PRECEDENCE)
			ClientHttpConnectorBuilderCustomizer<ClientHttpConnectorBuilder<?>> meshTlsConnectorBuilderCustomizer(
					OutboundTls outbound, ObjectProvider<MeshTlsContexts> contexts) {
				return (builder) -> new MeshTlsConnectorBuilder(builder, contexts.getIfAvailable(), outbound);
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		MeterBinder meshTlsMetrics(TlsHandshakes handshakes) {
			return handshakes::bindTo;
		}

	}

}
