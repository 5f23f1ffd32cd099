package dev.mesh.client;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;

/**
 * The answer of a blocking call aborted by fault injection: the status, no body, and a
 * {@value #HEADER} header saying it never left the caller.
 */
final class InjectedResponse implements ClientHttpResponse {

	/**
	 * Header that marks an injected answer.
	 */
	static final String HEADER = "x-mesh-fault";

	private final HttpStatusCode status;

	private final HttpHeaders headers = new HttpHeaders();

	InjectedResponse(int status) {
		this.status = HttpStatusCode.valueOf(status);
		this.headers.setContentLength(0);
		this.headers.set(HEADER, "abort");
	}

	@Override
	public HttpStatusCode getStatusCode() {
		return this.status;
	}

	@Override
	public String getStatusText() {
		HttpStatus known = HttpStatus.resolve(this.status.value());
		return (known != null) ? known.getReasonPhrase() : "";
	}

	@Override
	public HttpHeaders getHeaders() {
		return this.headers;
	}

	@Override
	public InputStream getBody() {
		return new ByteArrayInputStream(new byte[0]);
	}

	@Override
	public void close() {
	}

}
