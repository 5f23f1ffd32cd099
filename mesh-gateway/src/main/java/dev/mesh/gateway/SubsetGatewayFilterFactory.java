package dev.mesh.gateway;

import java.util.List;
import java.util.Map;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.GatewayToStringStyler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.mesh.loadbalancer.MeshSubset;
import dev.mesh.policy.registry.Names;

/**
 * Narrows the instances a route's {@code lb://} URI may reach to those carrying a label,
 * for example {@code Subset=version, v2}. Used with the {@code Weight} predicate it
 * splits a service's traffic between versions.
 * <p>
 * The filter puts a {@link MeshSubset} in the exchange attributes under
 * {@link MeshSubset#ATTRIBUTE}. Route filters run before the global
 * {@link ReactiveLoadBalancerClientFilter} (order
 * {@value ReactiveLoadBalancerClientFilter#LOAD_BALANCER_CLIENT_FILTER_ORDER}), which
 * hands the exchange attributes to the mesh's load balancer. When no instance matches,
 * that filter answers 503.
 */
public class SubsetGatewayFilterFactory extends AbstractGatewayFilterFactory<SubsetGatewayFilterFactory.Config> {

	/**
	 * Name of the label key argument.
	 */
	public static final String KEY = "key";

	public SubsetGatewayFilterFactory() {
		super(Config.class);
	}

	@Override
	public List<String> shortcutFieldOrder() {
		return List.of(KEY, VALUE_KEY);
	}

	@Override
	public GatewayFilter apply(Config config) {
		MeshSubset subset = config.toSubset();
		return new GatewayFilter() {

			@Override
			public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
				exchange.getAttributes().put(MeshSubset.ATTRIBUTE, subset);
				return chain.filter(exchange);
			}

			@Override
			public String toString() {
				return GatewayToStringStyler.filterToStringCreator(SubsetGatewayFilterFactory.this)
					.append(config.getKey(), config.getValue())
					.toString();
			}

		};
	}

	/**
	 * Configuration of the {@code Subset} filter: one label an instance must carry.
	 */
	public static class Config {

		/**
		 * Label key, such as {@code version}.
		 */
		private String key;

		/**
		 * Label value, such as {@code v2}.
		 */
		private String value;

		public String getKey() {
			return this.key;
		}

		public void setKey(String key) {
			this.key = key;
		}

		public String getValue() {
			return this.value;
		}

		public void setValue(String value) {
			this.value = value;
		}

		/**
		 * Return the subset this configuration selects.
		 * @return the subset
		 * @throws IllegalArgumentException naming the field that is missing or invalid
		 */
		MeshSubset toSubset() {
			if (!Names.isMetadataKey(this.key)) {
				throw new IllegalArgumentException(invalid(KEY, this.key,
						"a label key such as 'version' (letters and digits, inner '.', '/', '_' or '-')"));
			}
			if (!Names.isLabelValue(this.value)) {
				throw new IllegalArgumentException(invalid(VALUE_KEY, this.value,
						"a label value such as 'v2' (letters and digits, inner '.', '_' or '-')"));
			}
			return new MeshSubset(Map.of(this.key, this.value));
		}

		private static String invalid(String field, String actual, String expected) {
			String was = (actual != null) ? "'" + actual + "'" : "missing";
			return "Subset filter '" + field + "' must be " + expected + ", at most 63 characters, but was " + was;
		}

		@Override
		public String toString() {
			return "Config[key=" + this.key + ", value=" + this.value + "]";
		}

	}

}
