package dev.mesh.gateway.direct;

import java.time.Duration;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;

import dev.mesh.discovery.MeshServiceInstance;

/**
 * Calls backends with Spring Cloud Gateway's own {@link HttpClient}: its connection pool,
 * its customizations (the mesh's mutual TLS included) and its settings, for every
 * instance.
 */
final class ReactorUpstream implements Upstream {

	private final HttpClient client;

	ReactorUpstream(HttpClient client) {
		this.client = client;
	}

	@Override
	public boolean calls(MeshServiceInstance instance) {
		return true;
	}

	@Override
	public Mono<Answer> exchange(DirectExchange exchange, MeshServiceInstance instance, String target,
			HttpHeaders headers, Duration timeout) {
		return this.client.request(HttpMethod.valueOf(exchange.request().method()))
			.uri(uri(instance, target))
			.send((request, outbound) -> {
				request.headers(headers);
				if (timeout != null) {
					// Timed on the connection's own event loop: a Reactor timeout would
					// schedule (and wake) a thread of the parallel scheduler per attempt
					request.responseTimeout(timeout);
				}
				return outbound;
			})
			.responseConnection((response, connection) -> Mono.<Answer>just(new ReactorAnswer(response, connection)))
			.next();
	}

	private static String uri(MeshServiceInstance instance, String target) {
		String host = instance.getHost();
		StringBuilder uri = new StringBuilder(32 + target.length()).append(instance.getScheme()).append("://");
		if (host.indexOf(':') >= 0) {
			uri.append('[').append(host).append(']');
		}
		else {
			uri.append(host);
		}
		return uri.append(':').append(instance.getPort()).append(target).toString();
	}

	/**
	 * A response received on a pooled connection.
	 */
	private record ReactorAnswer(HttpClientResponse response, Connection connection) implements Answer {

		@Override
		public HttpResponseStatus status() {
			return this.response.status();
		}

		@Override
		public HttpHeaders headers() {
			return this.response.responseHeaders();
		}

		@Override
		public Publisher<ByteBuf> body() {
			long length = this.response.responseHeaders().getInt(HttpHeaderNames.CONTENT_LENGTH, -1);
			if (length >= 0 && length <= NettyUpstream.WHOLE_ANSWER) {
				// Headers and body leave in one write (one packet to the client), not two
				return this.connection.inbound().receive().aggregate().retain();
			}
			return this.connection.inbound().receive().retain();
		}

		@Override
		public Mono<Void> discard() {
			return this.connection.inbound().receive().then();
		}

	}

}
