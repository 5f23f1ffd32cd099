package dev.mesh.gateway.route;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import reactor.core.publisher.Flux;

/**
 * Keeps Spring Cloud Gateway route definitions that carry an expression ({@code #{...}}
 * or {@code ${...}}) away from Spring Cloud Gateway, which would evaluate {@code #{...}}
 * arguments as SpEL: such a route is rejected whole, before any of its arguments is read,
 * and logged with the field that carries the expression. Default filters carrying one
 * reject every route. Wraps the gateway's primary {@link RouteDefinitionLocator}, so it
 * covers routes from {@code application.yml}, from the in-memory repository and from
 * discovery alike.
 */
public final class ExpressionFreeRouteDefinitionLocator implements RouteDefinitionLocator {

	private static final Log logger = LogFactory.getLog(ExpressionFreeRouteDefinitionLocator.class);

	private final RouteDefinitionLocator delegate;

	private final Supplier<List<FilterDefinition>> defaultFilters;

	private volatile Map<String, String> rejected = Map.of();

	/**
	 * Create a locator.
	 * @param delegate the locator whose definitions are checked
	 * @param defaultFilters the gateway's default filters, which apply to every route
	 */
	public ExpressionFreeRouteDefinitionLocator(RouteDefinitionLocator delegate,
			Supplier<List<FilterDefinition>> defaultFilters) {
		this.delegate = delegate;
		this.defaultFilters = defaultFilters;
	}

	@Override
	public Flux<RouteDefinition> getRouteDefinitions() {
		return this.delegate.getRouteDefinitions().collectList().flatMapMany((definitions) -> {
			String defaults = findInFilters(this.defaultFilters.get(), "default-filters");
			Map<String, String> rejectedNow = new LinkedHashMap<>();
			List<RouteDefinition> accepted = new ArrayList<>();
			for (RouteDefinition definition : definitions) {
				String field = (defaults != null) ? defaults : find(definition);
				if (field == null) {
					accepted.add(definition);
					continue;
				}
				String id = String.valueOf(definition.getId());
				rejectedNow.put(id, field);
				if (!field.equals(this.rejected.get(id))) {
					logger.error("Rejected gateway route " + id + ": " + field
							+ " must not contain '#{' or '${': expressions are never evaluated");
				}
			}
			this.rejected = Map.copyOf(rejectedNow);
			return Flux.fromIterable(accepted);
		});
	}

	/**
	 * Return the routes rejected the last time definitions were read.
	 * @return the field carrying an expression, by route id
	 */
	public Map<String, String> rejected() {
		return this.rejected;
	}

	private static String find(RouteDefinition definition) {
		if (isExpression(definition.getId())) {
			return "id";
		}
		if (definition.getUri() != null && isExpression(definition.getUri().toString())) {
			return "uri";
		}
		List<PredicateDefinition> predicates = definition.getPredicates();
		for (int i = 0; i < predicates.size(); i++) {
			String field = findInArgs(predicates.get(i).getName(), predicates.get(i).getArgs(),
					"predicates[" + i + "]");
			if (field != null) {
				return field;
			}
		}
		String field = findInFilters(definition.getFilters(), "filters");
		if (field != null) {
			return field;
		}
		for (Map.Entry<String, Object> entry : definition.getMetadata().entrySet()) {
			if (isExpression(entry.getKey()) || isExpression(String.valueOf(entry.getValue()))) {
				return "metadata." + entry.getKey();
			}
		}
		return null;
	}

	private static String findInFilters(List<FilterDefinition> filters, String path) {
		List<FilterDefinition> all = (filters != null) ? filters : new ArrayList<>();
		for (int i = 0; i < all.size(); i++) {
			String field = findInArgs(all.get(i).getName(), all.get(i).getArgs(), path + "[" + i + "]");
			if (field != null) {
				return field;
			}
		}
		return null;
	}

	private static String findInArgs(String name, Map<String, String> args, String path) {
		if (isExpression(name)) {
			return path + ".name";
		}
		for (Map.Entry<String, String> arg : args.entrySet()) {
			if (isExpression(arg.getKey()) || isExpression(arg.getValue())) {
				return path + ".args." + arg.getKey();
			}
		}
		return null;
	}

	private static boolean isExpression(String text) {
		return text != null && (text.contains("#{") || text.contains("${"));
	}

}
