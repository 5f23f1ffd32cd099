package dev.mesh.gateway;

import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import dev.mesh.inbound.InboundRequestView;

/**
 * A request as an {@code InboundStep} sees it, which can also be given to the step's web
 * filter as a {@link MockServerWebExchange}, to compare the two.
 */
public final class TestInboundRequest implements InboundRequestView {

	private final String method;

	private final String rawPath;

	private final HttpHeaders headers = new HttpHeaders();

	private final Map<String, Object> attributes = new HashMap<>();

	private TestInboundRequest(String method, String rawPath) {
		this.method = method;
		this.rawPath = rawPath;
	}

	/**
	 * Return a {@code GET} request without headers.
	 * @param rawPath the path
	 * @return the request
	 */
	public static TestInboundRequest get(String rawPath) {
		return new TestInboundRequest("GET", rawPath);
	}

	/**
	 * Add a header value.
	 * @param name the header name
	 * @param value the value
	 * @return this request
	 */
	public TestInboundRequest header(String name, String value) {
		this.headers.add(name, value);
		return this;
	}

	/**
	 * Return the same request as an exchange for a web filter.
	 * @return a new exchange
	 */
	public MockServerWebExchange exchange() {
		return MockServerWebExchange
			.from(MockServerHttpRequest.method(HttpMethod.valueOf(this.method), this.rawPath).headers(this.headers));
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
		return this.headers.getFirst(name);
	}

	@Override
	public List<String> headers(String name) {
		List<String> values = this.headers.get(name);
		return (values != null) ? List.copyOf(values) : List.of();
	}

	@Override
	public X509Certificate[] peerCertificates() {
		return null;
	}

	@Override
	public Map<String, Object> attributes() {
		return this.attributes;
	}

}
