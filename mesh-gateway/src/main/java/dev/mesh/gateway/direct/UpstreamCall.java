package dev.mesh.gateway.direct;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * One attempt: a connection taken or made on the loop of the request, the request
 * written, the answer read. Every method runs on that loop.
 */
final class UpstreamCall {

	private final NettyUpstream upstream;

	private final NettyUpstream.Key key;

	private final EventLoop loop;

	private final ChannelFactory<? extends Channel> factory;

	private final DefaultFullHttpRequest request;

	private final long timeoutNanos;

	private final MonoSink<Upstream.Answer> sink;

	private UpstreamLink link;

	private boolean reused;

	private boolean done;

	private boolean cancelled;

	private boolean informational;

	private HttpResponse head;

	private CompositeByteBuf whole;

	private StreamedBody streamed;

	private long lastRead;

	private ScheduledFuture<?> timer;

	UpstreamCall(NettyUpstream upstream, NettyUpstream.Key key, EventLoop loop,
			ChannelFactory<? extends Channel> factory, DefaultFullHttpRequest request, Duration timeout,
			MonoSink<Upstream.Answer> sink) {
		this.upstream = upstream;
		this.key = key;
		this.loop = loop;
		this.factory = factory;
		this.request = request;
		this.timeoutNanos = (timeout != null) ? timeout.toNanos() : 0;
		this.sink = sink;
	}

	EventLoop loop() {
		return this.loop;
	}

	void start() {
		if (this.cancelled) {
			return;
		}
		UpstreamLink idle = this.upstream.acquire(this.loop, this.key);
		if (idle != null) {
			this.reused = true;
			send(idle);
		}
		else {
			connect();
		}
	}

	private void connect() {
		Bootstrap bootstrap = new Bootstrap().group(this.loop)
			.channelFactory(this.factory)
			.option(ChannelOption.TCP_NODELAY, true)
			.handler(new ChannelInitializer<Channel>() {

				@Override
				protected void initChannel(Channel channel) {
					channel.pipeline()
						.addLast(new HttpClientCodec(UpstreamCall.this.upstream.settings().decoder(), false, false),
								new UpstreamLink(UpstreamCall.this.upstream, UpstreamCall.this.key, channel));
				}

			});
		if (this.upstream.settings().connectTimeoutMillis() != null) {
			bootstrap.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, this.upstream.settings().connectTimeoutMillis());
		}
		bootstrap.connect(this.key.address()).addListener((ChannelFutureListener) (future) -> {
			if (this.cancelled) {
				future.channel().close();
			}
			else if (!future.isSuccess()) {
				fail(future.cause());
			}
			else {
				send(future.channel().pipeline().get(UpstreamLink.class));
			}
		});
	}

	private void send(UpstreamLink link) {
		this.link = link;
		link.call = this;
		this.lastRead = System.nanoTime();
		link.channel.writeAndFlush(this.request.retainedDuplicate()).addListener((ChannelFutureListener) (future) -> {
			if (!future.isSuccess()) {
				closed(future.cause());
			}
		});
		if (!link.channel.config().isAutoRead()) {
			link.channel.config().setAutoRead(true);
		}
		if (this.timeoutNanos > 0) {
			this.timer = this.loop.schedule(this::checkTimeout, this.timeoutNanos, TimeUnit.NANOSECONDS);
		}
	}

	private void checkTimeout() {
		if (this.done) {
			return;
		}
		long quiet = System.nanoTime() - this.lastRead;
		if (quiet >= this.timeoutNanos) {
			fail(ReadTimeoutException.INSTANCE);
		}
		else {
			this.timer = this.loop.schedule(this::checkTimeout, this.timeoutNanos - quiet, TimeUnit.NANOSECONDS);
		}
	}

	void read(Object msg) {
		if (this.done) {
			ReferenceCountUtil.release(msg);
			return;
		}
		this.lastRead = System.nanoTime();
		if (msg instanceof HttpResponse response) {
			if (response.decoderResult().isFailure()) {
				ReferenceCountUtil.release(msg);
				fail(new DecoderException(response.decoderResult().cause()));
				return;
			}
			int status = response.status().code();
			if (status == 101) {
				ReferenceCountUtil.release(msg);
				fail(new IOException("Unexpected 101 Switching Protocols: no upgrade was asked for"));
				return;
			}
			this.informational = status >= 100 && status < 200;
			if (!this.informational) {
				this.head = response;
				if (whole(response)) {
					this.whole = this.link.channel.alloc().compositeBuffer();
				}
				else {
					this.streamed = new StreamedBody(this);
					this.sink.success(new NettyAnswer(response, this.streamed.flux()));
				}
			}
		}
		if (msg instanceof HttpContent content) {
			if (content.decoderResult().isFailure()) {
				content.release();
				fail(new DecoderException(content.decoderResult().cause()));
				return;
			}
			if (this.informational) {
				content.release();
				this.informational = !(msg instanceof LastHttpContent);
				return;
			}
			if (this.whole != null) {
				this.whole.addComponent(true, content.content());
			}
			else if (this.streamed != null) {
				this.streamed.next(content.content());
			}
			else {
				content.release();
			}
			if (msg instanceof LastHttpContent) {
				complete();
			}
		}
	}

	/**
	 * Whether an answer is collected before it is passed on: no body, or a known length
	 * of at most {@link NettyUpstream#WHOLE_ANSWER}.
	 */
	private boolean whole(HttpResponse response) {
		int status = response.status().code();
		if (HttpMethod.HEAD.equals(this.request.method()) || status == 204 || status == 304) {
			return true;
		}
		long length = HttpUtil.getContentLength(response, -1L);
		return length >= 0 && length <= NettyUpstream.WHOLE_ANSWER;
	}

	/**
	 * A read ended: a streamed answer nobody asks for more of stops the reading until
	 * someone does. Connections read by themselves otherwise, which saves turning the
	 * reading on and off around each answer.
	 */
	void readComplete() {
		if (!this.done && this.streamed != null && !this.streamed.wanted()) {
			this.link.channel.config().setAutoRead(false);
		}
	}

	void demand() {
		if (!this.done && this.link.call == this && !this.link.channel.config().isAutoRead()) {
			this.link.channel.config().setAutoRead(true);
		}
	}

	private void complete() {
		this.done = true;
		cancelTimer();
		UpstreamLink served = this.link;
		served.call = null;
		if (HttpUtil.isKeepAlive(this.head)) {
			this.upstream.release(served);
		}
		else {
			served.channel.close();
		}
		if (this.whole != null) {
			this.sink.success(new NettyAnswer(this.head, Mono.just(this.whole)));
			this.whole = null;
		}
		else {
			this.streamed.complete();
		}
	}

	/**
	 * The connection closed or could not take the request: once more on a new connection
	 * when a reused one failed before any answer and the request may be repeated, else
	 * the attempt fails.
	 */
	void closed(Throwable cause) {
		if (this.done) {
			return;
		}
		if (this.reused && this.head == null && !this.informational && !this.cancelled
				&& Upstream.idempotent(this.request.method().name())) {
			dropLink();
			this.reused = false;
			connect();
			return;
		}
		fail(cause);
	}

	void fail(Throwable cause) {
		if (this.done) {
			return;
		}
		abandon();
		if (this.streamed != null) {
			this.streamed.error(cause);
		}
		else {
			this.sink.error(cause);
		}
	}

	/**
	 * Nobody waits for the answer any more: a connection whose answer is not read to its
	 * end is not reused.
	 */
	void cancel() {
		if (!this.loop.inEventLoop()) {
			this.loop.execute(this::cancel);
			return;
		}
		this.cancelled = true;
		if (!this.done) {
			abandon();
			if (this.streamed != null) {
				this.streamed.error(new IOException("Answer no longer wanted"));
			}
		}
	}

	/**
	 * End the attempt before its answer is complete: its connection is closed.
	 */
	private void abandon() {
		this.done = true;
		dropLink();
		if (this.whole != null) {
			this.whole.release();
			this.whole = null;
		}
	}

	/**
	 * Leave the connection, unread: it is closed, never reused.
	 */
	private void dropLink() {
		cancelTimer();
		if (this.link != null) {
			this.link.call = null;
			this.link.channel.close();
			this.link = null;
		}
	}

	private void cancelTimer() {
		if (this.timer != null) {
			this.timer.cancel(false);
			this.timer = null;
		}
	}

	/**
	 * An answer read from a Netty connection.
	 */
	private record NettyAnswer(HttpResponse head, Publisher<ByteBuf> body) implements Upstream.Answer {

		@Override
		public HttpResponseStatus status() {
			return this.head.status();
		}

		@Override
		public HttpHeaders headers() {
			return this.head.headers();
		}

		@Override
		public Mono<Void> discard() {
			return Flux.from(this.body).doOnNext(ByteBuf::release).then();
		}

	}

}
