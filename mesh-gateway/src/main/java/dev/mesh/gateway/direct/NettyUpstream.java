package dev.mesh.gateway.direct;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoop;
import io.netty.channel.ReflectiveChannelFactory;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.EventExecutor;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;

import dev.mesh.discovery.MeshServiceInstance;

/**
 * Calls plain-HTTP instances at an IP address straight from Netty, on the event loop of
 * the request being forwarded: each loop keeps its own idle connections per instance, so
 * taking and giving back a connection is a deque operation on one thread, and nothing
 * between the request and the backend is a Reactor operator. Keeps what Spring Cloud
 * Gateway's client does with its default (elastic) pool: any number of connections, kept
 * alive while the backend allows, never reused after a failure or an unread answer; the
 * connect timeout, the answer's line and header limits, the pool's leasing order and its
 * idle and life times; the {@code Host} header and body framing Reactor Netty's client
 * sends; a reused connection the backend closed before answering is retried once on a new
 * connection for idempotent methods, as Reactor Netty's client does. Answers of known
 * length up to {@value #WHOLE_ANSWER} bytes are collected whole; longer ones are streamed
 * with the connection read only as fast as the client takes them.
 */
final class NettyUpstream implements Upstream, AutoCloseable {

	/**
	 * Largest answer collected whole before it is sent on: a small answer of known length
	 * leaves with its headers in one write.
	 */
	static final int WHOLE_ANSWER = 64 * 1024;

	private final Settings settings;

	private final Map<EventExecutor, Map<Key, ArrayDeque<UpstreamLink>>> idle = new ConcurrentHashMap<>();

	private final Map<Class<?>, ChannelFactory<? extends Channel>> channels = new ConcurrentHashMap<>();

	private final AtomicInteger open = new AtomicInteger();

	private final AtomicInteger idleCount = new AtomicInteger();

	private volatile boolean closed;

	NettyUpstream(Settings settings) {
		this.settings = settings;
	}

	@Override
	public boolean calls(MeshServiceInstance instance) {
		return !instance.isSecure() && NetUtil.createInetAddressFromIpAddressString(instance.getHost()) != null;
	}

	@Override
	public Mono<Answer> exchange(DirectExchange exchange, MeshServiceInstance instance, String target,
			HttpHeaders headers, Duration timeout) {
		Channel server = ((Connection) exchange.request().request()).channel();
		ChannelFactory<? extends Channel> factory = channelFactory(server);
		if (factory == null) {
			return Mono.error(new IllegalStateException("Not a TCP connection: " + server));
		}
		Key key = new Key(instance.getHost(), instance.getPort());
		HttpMethod method = HttpMethod.valueOf(exchange.request().method());
		return Mono.create((sink) -> {
			UpstreamCall call = new UpstreamCall(this, key, server.eventLoop(), factory,
					request(method, target, key, headers), timeout, sink);
			sink.onCancel(call::cancel);
			if (server.eventLoop().inEventLoop()) {
				call.start();
			}
			else {
				server.eventLoop().execute(call::start);
			}
		});
	}

	/**
	 * Return the connections this client holds.
	 * @return open connections and how many of them are idle
	 */
	Connections connections() {
		return new Connections(this.open.get(), this.idleCount.get());
	}

	@Override
	public void close() {
		this.closed = true;
		this.idle.forEach((loop, pools) -> {
			try {
				loop.execute(() -> pools.values().forEach((links) -> {
					for (UpstreamLink link; (link = links.poll()) != null;) {
						this.idleCount.decrementAndGet();
						link.channel.close();
					}
				}));
			}
			catch (RejectedExecutionException ex) {
				// The loop has ended, and closed its connections with it
			}
		});
	}

	/**
	 * A client connection of the kind the server's connection is, so that it can live on
	 * the same event loop (epoll, kqueue, io_uring or NIO).
	 */
	private ChannelFactory<? extends Channel> channelFactory(Channel server) {
		if (!(server instanceof SocketChannel)) {
			return null;
		}
		return this.channels.computeIfAbsent(server.getClass(), (type) -> {
			try {
				return new ReflectiveChannelFactory<>(server.getClass());
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		});
	}

	/**
	 * The request as Reactor Netty's client sends a request without a body: the
	 * {@code Host} of the instance's address, its {@code User-Agent} and
	 * {@code Accept: *}{@code /*} unless the request has its own, a zero length kept, and
	 * an empty chunked body for methods other than GET, HEAD and DELETE without a length.
	 */
	private static DefaultFullHttpRequest request(HttpMethod method, String target, Key key, HttpHeaders headers) {
		HttpHeaders sent = HEADERS.newHeaders().add(headers);
		String host = HttpUtil.formatHostnameForHttp(InetSocketAddress.createUnresolved(key.host(), key.port()));
		sent.set(HttpHeaderNames.HOST, (key.port() != 80 && key.port() != 443) ? host + ":" + key.port() : host);
		if (!sent.contains(HttpHeaderNames.USER_AGENT)) {
			sent.set(HttpHeaderNames.USER_AGENT, HttpClient.USER_AGENT);
		}
		if (!sent.contains(HttpHeaderNames.ACCEPT)) {
			sent.set(HttpHeaderNames.ACCEPT, "*/*");
		}
		if (sent.contains(HttpHeaderNames.CONTENT_LENGTH)) {
			sent.remove(HttpHeaderNames.TRANSFER_ENCODING);
		}
		else if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)
				&& !HttpMethod.DELETE.equals(method)) {
			sent.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
		}
		return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, target, Unpooled.EMPTY_BUFFER, sent,
				EmptyHttpHeaders.INSTANCE);
	}

	UpstreamLink acquire(EventLoop loop, Key key) {
		Map<Key, ArrayDeque<UpstreamLink>> pools = this.idle.get(loop);
		ArrayDeque<UpstreamLink> links = (pools != null) ? pools.get(key) : null;
		if (links == null) {
			return null;
		}
		long now = System.nanoTime();
		for (UpstreamLink link; (link = this.settings.lifo() ? links.pollLast() : links.pollFirst()) != null;) {
			this.idleCount.decrementAndGet();
			if (link.channel.isActive() && !this.settings.expired(link, now)) {
				return link;
			}
			link.channel.close();
		}
		return null;
	}

	void release(UpstreamLink link) {
		if (this.closed || !link.channel.isActive()) {
			link.channel.close();
			return;
		}
		link.idleSince = System.nanoTime();
		this.idle.computeIfAbsent(link.channel.eventLoop(), (loop) -> new HashMap<>())
			.computeIfAbsent(link.key, (key) -> new ArrayDeque<>())
			.addLast(link);
		this.idleCount.incrementAndGet();
	}

	Settings settings() {
		return this.settings;
	}

	void opened() {
		this.open.incrementAndGet();
	}

	/**
	 * A connection closed: it is no longer open, nor idle.
	 */
	void closed(UpstreamLink link) {
		this.open.decrementAndGet();
		Map<Key, ArrayDeque<UpstreamLink>> pools = this.idle.get(link.channel.eventLoop());
		ArrayDeque<UpstreamLink> links = (pools != null) ? pools.get(link.key) : null;
		if (links != null && links.remove(link)) {
			this.idleCount.decrementAndGet();
		}
	}

	/**
	 * How connections are made and kept, from Spring Cloud Gateway's client settings.
	 *
	 * @param connectTimeoutMillis the connect timeout, {@code null} for Netty's
	 * @param maxInitialLineLength the longest status line of an answer
	 * @param maxHeaderSize the largest header block of an answer
	 * @param maxIdleTime how long a connection may stay idle, {@code null} for ever
	 * @param maxLifeTime how long a connection may be used, {@code null} for ever
	 * @param lifo whether the connection idle the shortest is reused first (else the one
	 * idle the longest)
	 */
	record Settings(Integer connectTimeoutMillis, int maxInitialLineLength, int maxHeaderSize, Duration maxIdleTime,
			Duration maxLifeTime, boolean lifo) {

		HttpDecoderConfig decoder() {
			return new HttpDecoderConfig().setMaxInitialLineLength(this.maxInitialLineLength)
				.setMaxHeaderSize(this.maxHeaderSize);
		}

		boolean expired(UpstreamLink link, long now) {
			return (this.maxIdleTime != null && now - link.idleSince >= this.maxIdleTime.toNanos())
					|| (this.maxLifeTime != null && now - link.openedAt >= this.maxLifeTime.toNanos());
		}

	}

	/**
	 * The connections held.
	 *
	 * @param open connections open
	 * @param idle connections waiting for a request
	 */
	record Connections(int open, int idle) {

	}

	/**
	 * An instance's address.
	 */
	record Key(String host, int port) {

		InetSocketAddress address() {
			return new InetSocketAddress(NetUtil.createInetAddressFromIpAddressString(this.host), this.port);
		}

	}

}
