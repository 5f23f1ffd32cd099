package dev.mesh.gateway.direct;

import java.util.ArrayDeque;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * The body of a long answer: buffers read before its subscriber came are kept for it, and
 * the connection is read again only while the subscriber asks for more. Runs on the
 * connection's loop.
 */
final class StreamedBody {

	private final UpstreamCall call;

	private final ArrayDeque<ByteBuf> early = new ArrayDeque<>();

	private FluxSink<ByteBuf> sink;

	private boolean complete;

	private Throwable error;

	StreamedBody(UpstreamCall call) {
		this.call = call;
	}

	Flux<ByteBuf> flux() {
		return Flux.<ByteBuf>create((subscriber) -> {
			if (this.call.loop().inEventLoop()) {
				attach(subscriber);
			}
			else {
				this.call.loop().execute(() -> attach(subscriber));
			}
		}, FluxSink.OverflowStrategy.BUFFER).doOnDiscard(ByteBuf.class, ReferenceCountUtil::safeRelease);
	}

	private void attach(FluxSink<ByteBuf> subscriber) {
		if (this.sink != null) {
			subscriber.error(new IllegalStateException("The answer's body is read once"));
			return;
		}
		this.sink = subscriber;
		subscriber.onRequest((n) -> this.call.loop().execute(this.call::demand));
		subscriber.onCancel(() -> this.call.loop().execute(this::cancelled));
		for (ByteBuf buffer; (buffer = this.early.poll()) != null;) {
			subscriber.next(buffer);
		}
		if (this.error != null) {
			subscriber.error(this.error);
		}
		else if (this.complete) {
			subscriber.complete();
		}
	}

	boolean wanted() {
		return this.sink != null && this.sink.requestedFromDownstream() > 0;
	}

	void next(ByteBuf buffer) {
		if (this.sink != null) {
			this.sink.next(buffer);
		}
		else {
			this.early.add(buffer);
		}
	}

	void complete() {
		this.complete = true;
		if (this.sink != null) {
			this.sink.complete();
		}
	}

	void error(Throwable cause) {
		this.error = cause;
		if (this.sink != null) {
			this.sink.error(cause);
		}
		else {
			releaseEarly();
		}
	}

	private void cancelled() {
		releaseEarly();
		this.call.cancel();
	}

	private void releaseEarly() {
		for (ByteBuf buffer; (buffer = this.early.poll()) != null;) {
			buffer.release();
		}
	}

}
