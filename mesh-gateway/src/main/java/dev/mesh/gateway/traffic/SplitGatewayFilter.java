package dev.mesh.gateway.traffic;

import java.util.HashMap;
import java.util.Map;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.mesh.loadbalancer.MeshCohort;
import dev.mesh.loadbalancer.MeshSubset;

/**
 * Chooses the subset of each request of a route with its {@link SubsetSplit} and hands it
 * to the load balancer in the {@link MeshSubset#ATTRIBUTE} attribute. When the route's
 * service keeps canary cohorts, the request also carries the chosen cohort downstream in
 * the {@value MeshCohort#HEADER} header, so every hop behind the gateway stays on the
 * same version. A sticky split keyed by a cookie can issue the cookie to a request
 * without one ({@link StickyCookieIssuer}), and split that request by it already.
 */
public final class SplitGatewayFilter implements GatewayFilter {

	/**
	 * Exchange attribute holding the chosen {@link Destination}.
	 */
	public static final String DESTINATION_ATTRIBUTE = SplitGatewayFilter.class.getName() + ".destination";

	private final SubsetSplit split;

	private final Map<String, String> cohorts = new HashMap<>();

	private final StickyCookieIssuer cookies;

	/**
	 * Create the filter.
	 * @param split the split
	 * @param cohortLabel label whose value is the canary cohort of the route's service,
	 * {@code null} when the service keeps no cohorts
	 * @param cookies issues the sticky cookie to a request without one, {@code null} to
	 * issue none
	 */
	public SplitGatewayFilter(SubsetSplit split, String cohortLabel, StickyCookieIssuer cookies) {
		this.split = split;
		StickyKey sticky = split.sticky();
		this.cookies = (sticky != null && sticky.source() == StickyKey.Source.COOKIE) ? cookies : null;
		this.cohorts.putAll(cohortHeaders(split, cohortLabel));
	}

	/**
	 * Return the value of the {@value MeshCohort#HEADER} header that a request sent to
	 * each destination of a split carries.
	 * @param split the split
	 * @param cohortLabel label whose value is the canary cohort of the route's service,
	 * {@code null} when the service keeps no cohorts
	 * @return the header values by destination name, without the destinations whose
	 * subset has no cohort
	 */
	public static Map<String, String> cohortHeaders(SubsetSplit split, String cohortLabel) {
		Map<String, String> cohorts = new HashMap<>();
		if (cohortLabel != null) {
			for (Destination destination : split.destinations()) {
				String value = destination.subset().labels().get(cohortLabel);
				if (value != null) {
					cohorts.put(destination.name(), new MeshCohort(cohortLabel, value).toString());
				}
			}
		}
		return Map.copyOf(cohorts);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		StickyKey sticky = this.split.sticky();
		String key = (sticky != null) ? sticky.value(exchange) : null;
		if (key == null && this.cookies != null) {
			key = this.cookies.issue(exchange, sticky.name());
		}
		Destination destination = this.split.choose(key);
		exchange.getAttributes().put(DESTINATION_ATTRIBUTE, destination);
		exchange.getAttributes().put(MeshSubset.ATTRIBUTE, destination.subset());
		String cohort = this.cohorts.get(destination.name());
		if (cohort == null) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange.mutate()
			.request((request) -> request.headers((headers) -> headers.set(MeshCohort.HEADER, cohort)))
			.build());
	}

	/**
	 * Return the split.
	 * @return the split
	 */
	public SubsetSplit split() {
		return this.split;
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder("[MeshSplit");
		for (Destination destination : this.split.destinations()) {
			text.append(' ').append(destination.name()).append('=').append(destination.weight()).append('%');
		}
		if (this.split.sticky() != null) {
			text.append(", sticky on ").append(this.split.sticky());
			if (this.cookies != null) {
				text.append(" (issued)");
			}
		}
		return text.append(']').toString();
	}

}
