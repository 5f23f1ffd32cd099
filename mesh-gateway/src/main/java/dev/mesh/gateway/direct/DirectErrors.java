package dev.mesh.gateway.direct;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.server.HttpServerResponse;

import dev.mesh.gateway.traffic.ResilienceGatewayFilter;
import dev.mesh.inbound.InboundRefusal;

/**
 * Answers for directly forwarded requests that failed or were refused, in the form Spring
 * Boot's error handling gives them on the WebFlux path: the status, and a JSON body with
 * the time, the path, the status, its reason phrase and a request id.
 */
final class DirectErrors {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx");

	private static final AtomicLong ids = new AtomicLong();

	private DirectErrors() {
	}

	/**
	 * Answer a request that failed.
	 * @param exchange the request
	 * @param failure why
	 * @return completes when answered; fails when the answer had already begun, which
	 * closes the connection
	 */
	static Mono<Void> answer(DirectExchange exchange, Throwable failure) {
		HttpServerResponse response = exchange.response();
		exchange.failure(failure);
		if (response.hasSentHeaders()) {
			return Mono.error(failure);
		}
		int status = (failure instanceof DirectFailure direct) ? direct.status() : 500;
		if (failure instanceof DirectFailure direct && direct.refused() != null) {
			response.header(ResilienceGatewayFilter.HEADER, direct.refused());
		}
		HttpResponseStatus code = HttpResponseStatus.valueOf(status);
		String body = "{\"timestamp\":\"" + TIMESTAMP.format(OffsetDateTime.now(ZoneOffset.UTC)) + "\",\"path\":\""
				+ exchange.request().rawPath() + "\",\"status\":" + status + ",\"error\":\"" + code.reasonPhrase()
				+ "\",\"requestId\":\"direct-" + Long.toHexString(ids.incrementAndGet()) + "\"}";
		return write(response, status, "application/json", body.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Answer a request an inbound step refused.
	 * @param response the response
	 * @param refusal the step's answer
	 * @return completes when answered
	 */
	static Mono<Void> refuse(HttpServerResponse response, InboundRefusal refusal) {
		refusal.headers().forEach(response::header);
		return write(response, refusal.status(), refusal.contentType(), refusal.body());
	}

	private static Mono<Void> write(HttpServerResponse response, int status, String contentType, byte[] body) {
		response.status(status)
			.header(HttpHeaderNames.CONTENT_TYPE, contentType)
			.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
		return response.send(ByteBufFlux.fromInbound(Mono.just(body))).then();
	}

}
