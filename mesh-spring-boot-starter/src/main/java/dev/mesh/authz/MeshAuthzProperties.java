package dev.mesh.authz;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Authorization of inbound requests: how callers are identified and how access policies
 * ({@code mesh.inbound.access}) match requests. The policies themselves are policy.
 */
@ConfigurationProperties("mesh.authz")
public class MeshAuthzProperties {

	/**
	 * Whether callers are identified by their TLS client certificate, identity headers
	 * are stripped and access policies are enforced.
	 */
	private boolean enabled = true;

	/**
	 * Whether access policy paths match request paths regardless of case; turn it on when
	 * the application routes paths regardless of case.
	 */
	private boolean caseInsensitivePaths = false;

	/**
	 * Further request headers removed before the application sees them, beside the
	 * identity headers the mesh always removes.
	 */
	private List<String> stripHeaders = new ArrayList<>();

	private final SpringSecurity springSecurity = new SpringSecurity();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isCaseInsensitivePaths() {
		return this.caseInsensitivePaths;
	}

	public void setCaseInsensitivePaths(boolean caseInsensitivePaths) {
		this.caseInsensitivePaths = caseInsensitivePaths;
	}

	public List<String> getStripHeaders() {
		return this.stripHeaders;
	}

	public void setStripHeaders(List<String> stripHeaders) {
		this.stripHeaders = stripHeaders;
	}

	public SpringSecurity getSpringSecurity() {
		return this.springSecurity;
	}

	/**
	 * Spring Security integration.
	 */
	public static class SpringSecurity {

		/**
		 * Whether every security filter chain built from Spring Security's
		 * {@code HttpSecurity} or {@code ServerHttpSecurity} authenticates mesh callers
		 * by their SPIFFE ID.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
