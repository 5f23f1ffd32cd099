package dev.mesh.authz;

import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.mesh.core.MeshPolicyState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The servlet filter matches the path the application routes on: within its context path,
 * however a forwarded prefix rewrote both.
 */
class AccessPolicyServletFilterTests {

	private final AccessPolicyServletFilter filter = new AccessPolicyServletFilter(new MeshAuthorization(
			new MeshPolicyState(new MockEnvironment().withProperty("mesh.inbound.access[local/no-admin].action", "DENY")
				.withProperty("mesh.inbound.access[local/no-admin].rules[0].to.paths[0]", "/admin/*")),
			new MeshAuthzProperties(), "cluster.local",
			new AuthorizationDecisions(new StaticListableBeanFactory().getBeanProvider(MeterRegistry.class))));

	@Test
	void matchesThePathWithinTheContextPath() throws Exception {
		assertThat(status("/shop/admin/users", "/shop")).isEqualTo(403);
		assertThat(status("/shop/orders", "/shop")).isEqualTo(200);
		assertThat(status("/shop", "/shop")).isEqualTo(200);
	}

	@Test
	void matchesTheSamePathWhenAForwardedPrefixRewritesBoth() throws Exception {
		assertThat(status("/public/shop/admin", "/public/shop")).isEqualTo(403);
	}

	@Test
	void refusesAPathThatDoesNotStartWithTheContextPath() throws Exception {
		assertThat(status("/%73hop/admin", "/shop")).isEqualTo(400);
	}

	private int status(String uri, String contextPath) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
		request.setContextPath(contextPath);
		MockHttpServletResponse response = new MockHttpServletResponse();
		AtomicBoolean passed = new AtomicBoolean();
		this.filter.doFilter(request, response, (req, res) -> passed.set(true));
		assertThat(passed.get()).isEqualTo(response.getStatus() == 200);
		return response.getStatus();
	}

}
