package dev.mesh.bench.apps.caller;

import java.net.http.HttpClient;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Makes the auto-configured request factory builder the JDK HTTP/1.1 client's, whatever
 * else is on the class path, before any other customizer: the starter's, which runs last,
 * then wraps this builder, so that its mutual TLS calls use the same client with the
 * mesh's TLS context.
 */
@Configuration(proxyBeanMethods = false)
class JdkHttp11Configuration {

	@Bean
	@Order(0)
	ClientHttpRequestFactoryBuilderCustomizer<ClientHttpRequestFactoryBuilder<?>> jdkHttp11RequestFactoryBuilder() {
		return (builder) -> ClientHttpRequestFactoryBuilder.jdk()
			.withHttpClientCustomizer((client) -> client.version(HttpClient.Version.HTTP_1_1));
	}

}
