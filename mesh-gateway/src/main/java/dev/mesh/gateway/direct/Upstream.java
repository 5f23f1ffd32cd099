package dev.mesh.gateway.direct;

import java.time.Duration;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import dev.mesh.discovery.MeshServiceInstance;

/**
 * The client direct forwarding calls a backend with: one attempt of a request without a
 * body, answered with the backend's status and headers and a body to pass on.
 */
interface Upstream {

	/**
	 * Headers copied from what the server's decoder already checked, so not checked
	 * again.
	 */
	DefaultHttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory()
		.withNameValidation(false)
		.withValueValidation(false);

	/**
	 * Whether a request may be sent again without a different effect: Spring Cloud
	 * Gateway's retry filter repeats only these methods.
	 * @param method the method
	 * @return whether it is idempotent
	 */
	static boolean idempotent(String method) {
		return switch (method) {
			case "GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE" -> true;
			default -> false;
		};
	}

	/**
	 * Whether this client can call an instance.
	 * @param instance the instance
	 * @return whether {@link #exchange} may be called for it
	 */
	boolean calls(MeshServiceInstance instance);

	/**
	 * Send one attempt of a request.
	 * @param exchange the request
	 * @param instance the instance to call
	 * @param target the path and query to send
	 * @param headers the headers to send ({@code Host} is added)
	 * @param timeout the longest wait for the answer between two reads, {@code null} for
	 * none
	 * @return the answer; fails with the connection's failure, or with a
	 * {@link io.netty.handler.timeout.ReadTimeoutException} after the timeout
	 */
	Mono<Answer> exchange(DirectExchange exchange, MeshServiceInstance instance, String target, HttpHeaders headers,
			Duration timeout);

	/**
	 * A backend's answer whose body is still to be read.
	 */
	interface Answer {

		HttpResponseStatus status();

		HttpHeaders headers();

		/**
		 * Return the body to send on: one buffer for a small answer of known length.
		 * @return the body, each buffer the subscriber's to release
		 */
		Publisher<ByteBuf> body();

		/**
		 * Read and drop the body, for an answer that is retried.
		 * @return completes when the body is read
		 */
		Mono<Void> discard();

	}

}
