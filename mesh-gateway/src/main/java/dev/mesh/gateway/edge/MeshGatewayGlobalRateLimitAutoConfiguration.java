package dev.mesh.gateway.edge;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Auto-configuration of the global rate limit, when
 * {@code mesh.gateway.rate-limit.global.enabled} is set: the routes' per-client limits
 * kept in the Redis of Spring Boot's {@code spring.data.redis.*}, shared by every gateway
 * instance using it.
 */
@AutoConfiguration(before = MeshGatewayEdgeAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration")
@ConditionalOnClass(ReactiveStringRedisTemplate.class)
@ConditionalOnBooleanProperty(GlobalRateLimitProperties.PREFIX + ".enabled")
@EnableConfigurationProperties(GlobalRateLimitProperties.class)
public final class MeshGatewayGlobalRateLimitAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	GlobalRateLimiter meshGlobalRateLimiter(ObjectProvider<ReactiveRedisConnectionFactory> connections,
			GlobalRateLimitProperties properties, ObjectProvider<MeterRegistry> meters) {
		ReactiveRedisConnectionFactory connection = connections.getIfAvailable();
		if (connection == null) {
			throw new IllegalStateException(GlobalRateLimitProperties.PREFIX
					+ ".enabled is true but there is no Redis connection: configure spring.data.redis.*");
		}
		return new GlobalRateLimiter(new ReactiveStringRedisTemplate(connection), address(connection), properties,
				meters.getIfAvailable());
	}

	private static String address(ReactiveRedisConnectionFactory connection) {
		if (connection instanceof LettuceConnectionFactory lettuce) {
			if (lettuce.getClusterConfiguration() != null) {
				return "cluster " + lettuce.getClusterConfiguration().getClusterNodes();
			}
			if (lettuce.getSentinelConfiguration() != null) {
				return "sentinel " + lettuce.getSentinelConfiguration().getSentinels();
			}
			return lettuce.getHostName() + ":" + lettuce.getPort();
		}
		return connection.getClass().getSimpleName();
	}

}
