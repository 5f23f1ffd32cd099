package dev.mesh.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.mock.env.MockEnvironment;

import dev.mesh.policy.spec.DestinationPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MeshPolicyStateTests {

	private final MockEnvironment environment = new MockEnvironment().withProperty("mesh.service", "tester")
		.withProperty("mesh.outbound.destinations.catalog.timeout", "1s")
		.withProperty("mesh.outbound.destinations.catalog.routes[0].name", "${user.home}");

	@Test
	void bindsTheApplicationsOwnPolicyWithoutResolvingPlaceholders() {
		AppliedPolicy applied = new MeshPolicyState(this.environment).current();
		DestinationPolicy catalog = applied.policy().getOutbound().getDestinations().get("catalog");
		assertThat(catalog.getTimeout()).isEqualTo(Duration.ofSeconds(1));
		assertThat(catalog.getRoutes().get(0).getName()).isEqualTo("${user.home}");
		assertThat(applied.version()).isEqualTo(-1);
		assertThat(applied.source()).isEqualTo(AppliedPolicy.APPLICATION);
	}

	@Test
	void rebuildsOnEnvironmentChangeAndTellsListeners() {
		MeshPolicyState state = new MeshPolicyState(this.environment);
		AppliedPolicy before = state.current();
		List<AppliedPolicy> heard = new CopyOnWriteArrayList<>();
		state.addListener(heard::add);
		Instant appliedAt = Instant.parse("2026-01-01T00:00:00Z");
		MeshPolicyPropertySource.install(this.environment,
				new MeshPolicyPropertySource(Map.of("mesh.outbound.destinations[catalog].timeout", "2s"), 9,
						AppliedPolicy.CONTROL_SERVICE, appliedAt));
		state.onApplicationEvent(new EnvironmentChangeEvent(Set.of("mesh.outbound.destinations[catalog].timeout")));
		AppliedPolicy after = state.current();
		assertThat(after).isNotSameAs(before);
		assertThat(after.policy().getOutbound().getDestinations().get("catalog").getTimeout())
			.isEqualTo(Duration.ofSeconds(2));
		assertThat(before.policy().getOutbound().getDestinations().get("catalog").getTimeout())
			.isEqualTo(Duration.ofSeconds(1));
		assertThat(after.version()).isEqualTo(9);
		assertThat(after.source()).isEqualTo(AppliedPolicy.CONTROL_SERVICE);
		assertThat(after.appliedAt()).isEqualTo(appliedAt);
		assertThat(heard).containsExactly(after);
	}

	@Test
	void keepsThePolicyInForceWhenTheEnvironmentNoLongerBinds() {
		MeshPolicyState state = new MeshPolicyState(this.environment);
		AppliedPolicy before = state.current();
		List<AppliedPolicy> heard = new CopyOnWriteArrayList<>();
		state.addListener(heard::add);
		this.environment.getPropertySources()
			.addFirst(new MapPropertySource("broken", Map.of("mesh.outbound.defaults.timeout", "soon")));
		state.refresh();
		assertThat(state.current()).isSameAs(before);
		assertThat(heard).isEmpty();
	}

	@Test
	void failsStartupWhenTheApplicationsOwnPolicyDoesNotBind() {
		this.environment.setProperty("mesh.outbound.defaults.timeout", "soon");
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> new MeshPolicyState(this.environment))
			.withMessageContaining("mesh.outbound.defaults.timeout");
	}

}
