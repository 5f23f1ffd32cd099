package dev.mesh.authz;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Makes a Spring Security filter chain of a servlet application authenticate mesh callers
 * by their SPIFFE ID ({@link SpiffeAuthentication}, after the chain's own authentication
 * filters) and exempts them from CSRF protection, which defends browsers, not workloads
 * holding a mesh certificate. The mesh publishes it as a bean, which Spring Security
 * applies to every chain built from its {@code HttpSecurity}; with
 * {@code mesh.authz.spring-security.enabled=false} apply it yourself:
 * {@code new MeshHttpSecurityCustomizer().customize(http)}.
 */
public final class MeshHttpSecurityCustomizer implements Customizer<HttpSecurity> {

	@Override
	public void customize(HttpSecurity http) {
		http.addFilterBefore(new SpiffeAuthenticationFilter(), AnonymousAuthenticationFilter.class);
		http.csrf((csrf) -> csrf.ignoringRequestMatchers(MeshHttpSecurityCustomizer::isMeshCaller));
	}

	private static boolean isMeshCaller(HttpServletRequest request) {
		return request.getAttribute(PeerIdentity.ATTRIBUTE) instanceof PeerIdentity peer && peer.principal() != null;
	}

}
