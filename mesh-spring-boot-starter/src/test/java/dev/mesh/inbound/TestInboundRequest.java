package dev.mesh.inbound;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.util.LinkedCaseInsensitiveMap;

/**
 * A request served below WebFlux, as steps see it, for their tests.
 */
public final class TestInboundRequest implements InboundRequestView {

	private final String method;

	private final String rawPath;

	private final Map<String, List<String>> headers = new LinkedCaseInsensitiveMap<>();

	private final Map<String, Object> attributes = new HashMap<>();

	private X509Certificate[] certificates;

	private TestInboundRequest(String method, String rawPath) {
		this.method = method;
		this.rawPath = rawPath;
	}

	/**
	 * Create a request.
	 * @param method the method
	 * @param rawPath the raw path
	 * @return the request
	 */
	public static TestInboundRequest of(String method, String rawPath) {
		return new TestInboundRequest(method, rawPath);
	}

	/**
	 * Create a {@code GET} request.
	 * @param rawPath the raw path
	 * @return the request
	 */
	public static TestInboundRequest get(String rawPath) {
		return of("GET", rawPath);
	}

	/**
	 * Add a header value.
	 * @param name the header name
	 * @param value the value
	 * @return this request
	 */
	public TestInboundRequest header(String name, String value) {
		this.headers.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
		return this;
	}

	/**
	 * Set the client's certificate chain.
	 * @param chain the chain, leaf first
	 * @return this request
	 */
	public TestInboundRequest certificates(X509Certificate... chain) {
		this.certificates = chain;
		return this;
	}

	@Override
	public String method() {
		return this.method;
	}

	@Override
	public String rawPath() {
		return this.rawPath;
	}

	@Override
	public String header(String name) {
		List<String> values = this.headers.get(name);
		return (values != null) ? values.get(0) : null;
	}

	@Override
	public List<String> headers(String name) {
		return this.headers.getOrDefault(name, List.of());
	}

	@Override
	public X509Certificate[] peerCertificates() {
		return this.certificates;
	}

	@Override
	public Map<String, Object> attributes() {
		return this.attributes;
	}

}
