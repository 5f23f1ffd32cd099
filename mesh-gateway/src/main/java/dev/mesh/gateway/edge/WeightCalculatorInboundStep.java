package dev.mesh.gateway.edge;

import org.springframework.cloud.gateway.filter.WeightCalculatorWebFilter;
import org.springframework.cloud.gateway.handler.predicate.WeightRoutePredicateFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;

import dev.mesh.inbound.InboundRefusal;
import dev.mesh.inbound.InboundRequestView;
import dev.mesh.inbound.InboundStep;

/**
 * The work of Spring Cloud Gateway's {@link WeightCalculatorWebFilter} for a request
 * served below WebFlux: none, which is exact. For each group of {@code Weight} route
 * predicates the filter draws a random number and leaves the route of the group it picks
 * in the exchange attribute {@link ServerWebExchangeUtils#WEIGHT_ATTR}, which nothing but
 * a {@link WeightRoutePredicateFactory} predicate reads, while Spring Cloud Gateway
 * matches its routes; it neither refuses a request nor changes it. A request served below
 * WebFlux is forwarded on a mesh route, whose split between subsets is the gateway's own,
 * without Spring Cloud Gateway's route matching, so nothing would read the draw. The
 * filter's other work, keeping the groups' weights from route events and loading the
 * routes at start, is an application listener's and goes on without requests. (Read in
 * Spring Cloud Gateway 5.0.4; an application that gives the filter a random function of
 * its own with effects of its own would lose those.)
 */
final class WeightCalculatorInboundStep implements InboundStep {

	@Override
	public Class<?> webFilter() {
		return WeightCalculatorWebFilter.class;
	}

	@Override
	public InboundRefusal apply(InboundRequestView request) {
		return null;
	}

}
