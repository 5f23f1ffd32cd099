package dev.mesh.gateway.direct;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Tags;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.filter.headers.ForwardedHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveForwardedHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveHopByHopHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveXForwardedHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.XForwardedHeadersFilter;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import dev.mesh.gateway.direct.DirectGate.ForwardedHeaders;
import dev.mesh.inbound.InboundStep;

import static org.assertj.core.api.Assertions.assertThat;

class DirectGateTests {

	@Test
	void servesWithSpringCloudGatewaysOwnFiltersAndEveryWebFilterStepped() {
		FoundApplication found = new FoundApplication();
		DirectGate gate = found.check();
		assertThat(gate.on()).as(gate.off()).isTrue();
		assertThat(gate.off()).isNull();
		assertThat(gate.timer()).isNotNull();
		assertThat(gate.forwarded()).isEqualTo(new ForwardedHeaders(true, true, true));
		assertThat(gate.reserved().contains("/anything")).isFalse();
	}

	@Test
	void runsTheStepsInTheOrderOfTheirWebFilters() {
		FoundApplication found = new FoundApplication();
		Collections.reverse(found.steps);
		assertThat(found.steps).extracting(InboundStep::webFilter)
			.containsExactly(FoundApplication.Second.class, FoundApplication.First.class);
		assertThat(found.check().steps()).extracting(InboundStep::webFilter)
			.containsExactly(FoundApplication.First.class, FoundApplication.Second.class);
	}

	@Test
	void turnsOffForAWebFilterWithoutAStep() {
		FoundApplication found = new FoundApplication();
		found.steps.remove(1);
		assertOff(found, "web filter " + FoundApplication.Second.class.getName() + " has no inbound step");
	}

	@Test
	void turnsOffForAGlobalFilterItDoesNotKnowEvenASubclassOfOneItKnows() {
		FoundApplication lambda = new FoundApplication();
		lambda.globalFilters.add((exchange, chain) -> chain.filter(exchange));
		assertOff(lambda, "acts on every route");
		FoundApplication subclass = new FoundApplication();
		subclass.globalFilters.add(new RouteToRequestUrlFilter() {
		});
		assertOff(subclass, "global filter " + DirectGateTests.class.getName() + "$");
	}

	@Test
	void turnsOffForARequestTimerWithTagsItCannotGiveOrNoRegistry() {
		FoundApplication tagged = new FoundApplication();
		tagged.tagsProviders.add((exchange) -> Tags.of("tenant", "t"));
		assertOff(tagged, "tags every request");
		FoundApplication unregistered = new FoundApplication();
		unregistered.registry = null;
		assertOff(unregistered, "request timer has no registry");
	}

	@Test
	void turnsOffForHeaderFiltersItDoesNotKnowOrHopByHopHeadersConfigured() {
		FoundApplication unknown = new FoundApplication();
		unknown.headerFilters.add((headers, exchange) -> headers);
		assertOff(unknown, "acts on every route");
		FoundApplication hopByHop = new FoundApplication();
		RemoveHopByHopHeadersFilter configured = new RemoveHopByHopHeadersFilter();
		configured.setHeaders(Set.of("connection", "x-internal"));
		hopByHop.headerFilters.set(0, configured);
		assertOff(hopByHop, "the hop-by-hop headers removed are configured");
	}

	@Test
	void turnsOffForAHandlerMappingAheadOfSpringCloudGatewaysThatCouldTakeAnyRequest() {
		FoundApplication urls = new FoundApplication();
		SimpleUrlHandlerMapping ahead = new SimpleUrlHandlerMapping(Map.of("/x", new Object()),
				FoundApplication.GATEWAY_ORDER - 1);
		urls.handlerMappings.add(ahead);
		assertOff(urls, "handler mapping " + SimpleUrlHandlerMapping.class.getName() + " comes before");
		urls.handlerMappings.set(urls.handlerMappings.size() - 1, new SimpleUrlHandlerMapping(Map.of(), 2));
		assertThat(urls.check().on()).isTrue();
		FoundApplication functions = new FoundApplication();
		RouterFunctionMapping routed = new RouterFunctionMapping(
				RouterFunctions.route().GET("/fn", (request) -> ServerResponse.ok().build()).build());
		routed.setOrder(-1);
		functions.handlerMappings.set(0, routed);
		assertOff(functions, "handler mapping " + RouterFunctionMapping.class.getName() + " comes before");
	}

	@Test
	void leavesThePathsOfHandlerMethodsAheadOfSpringCloudGatewayToWebFlux() throws Exception {
		FoundApplication found = new FoundApplication();
		RequestMappingHandlerMapping methods = (RequestMappingHandlerMapping) found.handlerMappings.get(1);
		methods.registerMapping(RequestMappingInfo.paths("/own/**", "/items/{id}").build(),
				new FoundApplication.Handler(), FoundApplication.Handler.class.getMethod("handle"));
		RequestMappingHandlerMapping late = new RequestMappingHandlerMapping();
		late.setOrder(FoundApplication.GATEWAY_ORDER + 1);
		late.registerMapping(RequestMappingInfo.paths("/late").build(), new FoundApplication.Handler(),
				FoundApplication.Handler.class.getMethod("handle"));
		found.handlerMappings.add(late);
		DirectGate gate = found.check();
		assertThat(gate.on()).isTrue();
		assertThat(gate.reserved().contains("/own")).isTrue();
		assertThat(gate.reserved().contains("/own/a/b")).isTrue();
		assertThat(gate.reserved().contains("/items/7")).isTrue();
		assertThat(gate.reserved().contains("/items/7/parts")).isFalse();
		assertThat(gate.reserved().contains("/owner")).isFalse();
		assertThat(gate.reserved().contains("/late")).isFalse();
	}

	@Test
	void turnsOffForSettingsThatActOnEveryRequest() {
		Map<String, Consumer<FoundApplication>> settings = Map.of("the load balancer adds service instance cookies",
				(found) -> found.serviceInstanceCookie = true, "tracing is on", (found) -> found.tracing = true,
				"CORS is configured", (found) -> found.cors = true, "a WebFlux base path is set",
				(found) -> found.basePath = true, "WebFlux rewrites forwarded headers",
				(found) -> found.forwardedHeaderTransformer = true, "API versioning is configured",
				(found) -> found.apiVersioning = true);
		settings.forEach((reason, setting) -> {
			FoundApplication found = new FoundApplication();
			setting.accept(found);
			assertOff(found, reason);
		});
	}

	@Test
	void tellsWhichForwardedHeadersSpringCloudGatewayRemovesAndExtends() {
		assertThat(ForwardedHeaders.of(List.of(new RemoveHopByHopHeadersFilter())))
			.isEqualTo(new ForwardedHeaders(false, false, false));
		assertThat(
				ForwardedHeaders.of(List.of(new RemoveForwardedHeadersFilter(), new RemoveXForwardedHeadersFilter())))
			.isEqualTo(new ForwardedHeaders(true, true, false));
		assertThat(ForwardedHeaders.of(List.of(new RemoveXForwardedHeadersFilter())))
			.isEqualTo(new ForwardedHeaders(false, true, false));
		assertThat(ForwardedHeaders.of(List.of(new ForwardedHeadersFilter(), new RemoveXForwardedHeadersFilter())))
			.isEqualTo(new ForwardedHeaders(true, true, true));
		assertThat(ForwardedHeaders.of(List.of(new XForwardedHeadersFilter())))
			.isEqualTo(new ForwardedHeaders(false, true, true));
		FoundApplication found = new FoundApplication();
		found.headerFilters.removeIf(XForwardedHeadersFilter.class::isInstance);
		found.headerFilters.add(new RemoveXForwardedHeadersFilter());
		assertThat(found.check().forwarded()).isEqualTo(new ForwardedHeaders(true, true, false));
	}

	private static void assertOff(FoundApplication found, String reason) {
		DirectGate gate = found.check();
		assertThat(gate.on()).as(reason).isFalse();
		assertThat(gate.off()).contains(reason);
		assertThat(gate.steps()).isEmpty();
	}

	@Test
	void leavesEveryRequestToWebFluxWhenErrorsOrTheServerObservationAreCustomised() {
		FoundApplication errors = new FoundApplication();
		errors.defaultErrors = false;
		assertThat(errors.check().off()).isEqualTo("errors are answered by customised error handling");
		FoundApplication observation = new FoundApplication();
		observation.customServerObservation = true;
		assertThat(observation.check().off()).isEqualTo("the server observation has a custom convention");
	}

	@Test
	void timesDirectRequestsAsTheServerObservationDoesOnlyWhenItIsOn() {
		assertThat(new FoundApplication().check().serverTimer()).isNotNull();
		FoundApplication off = new FoundApplication();
		off.serverTimer = null;
		DirectGate gate = off.check();
		assertThat(gate.on()).isTrue();
		assertThat(gate.serverTimer()).isNull();
	}

}
