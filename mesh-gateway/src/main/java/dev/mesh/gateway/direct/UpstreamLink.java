package dev.mesh.gateway.direct;

import java.io.IOException;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;

/**
 * The end of a backend connection: the call it serves now, if any.
 */
final class UpstreamLink extends ChannelDuplexHandler {

	private final NettyUpstream upstream;

	final NettyUpstream.Key key;

	final Channel channel;

	final long openedAt = System.nanoTime();

	long idleSince;

	UpstreamCall call;

	UpstreamLink(NettyUpstream upstream, NettyUpstream.Key key, Channel channel) {
		this.upstream = upstream;
		this.key = key;
		this.channel = channel;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) throws Exception {
		this.upstream.opened();
		super.channelActive(ctx);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		UpstreamCall current = this.call;
		if (current == null) {
			// Nothing was asked: a backend talking out of turn loses its connection
			ReferenceCountUtil.release(msg);
			ctx.close();
			return;
		}
		current.read(msg);
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		UpstreamCall current = this.call;
		if (current != null) {
			current.readComplete();
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		this.upstream.closed(this);
		UpstreamCall current = this.call;
		if (current != null) {
			current.closed(new IOException("Connection prematurely closed BEFORE response"));
		}
		super.channelInactive(ctx);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		UpstreamCall current = this.call;
		if (current != null) {
			current.fail(cause);
		}
		ctx.close();
	}

}
