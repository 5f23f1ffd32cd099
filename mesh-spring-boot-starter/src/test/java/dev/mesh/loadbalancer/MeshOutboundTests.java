package dev.mesh.loadbalancer;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Canary cohorts: the version chosen at the first hop travels with the request and keeps
 * later hops on it.
 */
@Timeout(60)
class MeshOutboundTests {

	private static final String COHORT = "mesh.outbound.defaults.cohort.enabled=true";

	@Test
	void startsACohortFromTheVersionOfTheChosenInstance() {
		Balancers balancers = Balancers.of(COHORT)
			.instances(Balancers.instance("a-1", "v1", "a"), Balancers.instance("a-2", "v2", "a"));
		MeshOutbound outbound = new MeshOutbound(null, balancers.loadBalancer);
		for (int i = 0; i < 10; i++) {
			MeshOutbound.Target target = outbound.resolve(Balancers.SERVICE, call(null, null));
			assertThat(target.cohort()).isEqualTo(new MeshCohort("version", target.pick().instance().version()));
			target.pick().completed(200);
		}
	}

	@Test
	void keepsAnInboundCohortOnItsVersion() {
		Balancers balancers = Balancers.of(COHORT)
			.instances(Balancers.instance("a-1", "v1", "a"), Balancers.instance("a-2", "v2", "a"),
					Balancers.instance("a-3", "v1", "a"));
		MeshOutbound outbound = new MeshOutbound(null, balancers.loadBalancer);
		Map<String, Integer> versions = new HashMap<>();
		for (int i = 0; i < 100; i++) {
			MeshOutbound.Target target = outbound.resolve(Balancers.SERVICE,
					call(new MeshCohort("version", "v2"), null));
			versions.merge(target.pick().instance().version(), 1, Integer::sum);
			assertThat(target.cohort()).hasToString("version=v2");
			target.pick().completed(200);
		}
		assertThat(versions).containsOnly(Map.entry("v2", 100));
	}

	@Test
	void aCohortHeaderOnTheOutboundRequestPinsItToo() {
		Balancers balancers = Balancers.of(COHORT)
			.instances(Balancers.instance("a-1", "v1", "a"), Balancers.instance("a-2", "v2", "a"));
		MeshOutbound outbound = new MeshOutbound(null, balancers.loadBalancer);
		HttpHeaders headers = new HttpHeaders();
		headers.set(MeshCohort.HEADER, "version=v1");
		for (int i = 0; i < 20; i++) {
			assertThat(outbound.resolve(Balancers.SERVICE, call(null, headers)).pick().instance().version())
				.isEqualTo("v1");
		}
	}

	@Test
	void fallsBackToNormalBalancingWhenNoInstanceHasTheCohortsVersionAndKeepsCarryingIt() {
		Balancers balancers = Balancers.of(COHORT).instances(Balancers.instance("a-1", "v1", "a"));
		MeshOutbound.Target target = new MeshOutbound(null, balancers.loadBalancer).resolve(Balancers.SERVICE,
				call(new MeshCohort("version", "v3"), null));
		assertThat(target.pick().instance().instanceId()).isEqualTo("a-1");
		assertThat(target.cohort()).hasToString("version=v3");
	}

	@Test
	void ignoresCohortsWhenThePolicyDoesNotAskForThemButStillCarriesThem() {
		Balancers balancers = Balancers.of()
			.instances(Balancers.instance("a-1", "v1", "a"), Balancers.instance("a-2", "v2", "a"));
		MeshOutbound outbound = new MeshOutbound(null, balancers.loadBalancer);
		Map<String, Integer> versions = new HashMap<>();
		for (int i = 0; i < 20; i++) {
			MeshOutbound.Target target = outbound.resolve(Balancers.SERVICE,
					call(new MeshCohort("version", "v2"), null));
			versions.merge(target.pick().instance().version(), 1, Integer::sum);
			assertThat(target.cohort()).hasToString("version=v2");
		}
		assertThat(versions).containsKeys("v1", "v2");
	}

	@Test
	void rejectsMalformedCohortHeaders() {
		assertThat(MeshCohort.parse("version=v2")).isEqualTo(new MeshCohort("version", "v2"));
		assertThat(MeshCohort.parse("version")).isNull();
		assertThat(MeshCohort.parse("=v2")).isNull();
		assertThat(MeshCohort.parse("version=#{1+1}")).isNull();
		assertThat(MeshCohort.parse("version=${user.home}")).isNull();
		assertThat(MeshCohort.parse(null)).isNull();
	}

	private static MeshOutbound.Call call(MeshCohort inbound, HttpHeaders headers) {
		return new MeshOutbound.Call(HttpMethod.GET, "/", headers, null, inbound, HashKeyValues.NONE);
	}

}
