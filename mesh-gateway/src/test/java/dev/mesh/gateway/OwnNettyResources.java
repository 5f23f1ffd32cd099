package dev.mesh.gateway;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Reactor Netty resources of a gateway's own, for a test that starts and stops gateways
 * in a JVM where other tests' gateways keep running: closing a gateway on the global
 * resources would dispose the event loops those others serve on.
 */
@Configuration(proxyBeanMethods = false)
public class OwnNettyResources {

	@Bean
	ReactorResourceFactory ownReactorResourceFactory() {
		ReactorResourceFactory factory = new ReactorResourceFactory();
		factory.setUseGlobalResources(false);
		return factory;
	}

}
