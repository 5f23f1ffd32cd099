package dev.mesh.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import reactor.netty.channel.ChannelOperations;

/**
 * Keeps a kept-alive HTTP/1.1 server connection reading where Reactor Netty 1.3.7 stops
 * (reactor/reactor-netty#4361 and #4347): its server reads on demand, and after each
 * exchange asks for the next read, unless requests wait in its queue, which it drains
 * instead. A request that arrives before the previous exchange is finished (pipelined, or
 * sent the moment the previous answer's last byte arrived while the server was still
 * completing that exchange) waits in the queue with its end marker. If, once out of the
 * queue, it is answered at once (a 401, a 404), its exchange ends while the marker is
 * still queued, the drain that follows dispatches nothing, and nothing asks for a read:
 * the next request on the connection is never read, until the client gives up.
 * <p>
 * Ahead of Reactor Netty's handlers (first in the pipeline, or right behind a TLS
 * handler), this handler sees every read they ask for. When an exchange ends and Reactor
 * Netty does not ask for a read, it checks again after Reactor Netty's drain and asks for
 * the read itself if the connection is then between two exchanges and not reading by
 * itself. Remove it once Reactor Netty reads again after such a drain.
 */
final class KeepAliveReads extends ChannelDuplexHandler {

	static final String NAME = "mesh.keepAliveReads";

	/**
	 * Event Reactor Netty fires, from the head of the pipeline, when an HTTP/1.1 exchange
	 * has ended (a package-private class).
	 */
	private static final String TERMINATED = "reactor.netty.http.server.HttpServerOperationsTerminatedEvent";

	private boolean readAsked;

	private boolean checking;

	/**
	 * Put the handler first in a server connection's pipeline, unless it is there
	 * already.
	 * @param pipeline the pipeline
	 */
	static void addTo(ChannelPipeline pipeline) {
		if (pipeline.get(NAME) == null) {
			pipeline.addFirst(NAME, new KeepAliveReads());
		}
	}

	@Override
	public void read(ChannelHandlerContext ctx) {
		this.readAsked = true;
		ctx.read();
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
		if (!TERMINATED.equals(evt.getClass().getName())) {
			ctx.fireUserEventTriggered(evt);
			return;
		}
		this.readAsked = false;
		ctx.fireUserEventTriggered(evt);
		if (!this.readAsked && !this.checking) {
			// Reactor Netty drains its queue in a task instead of reading: check after it
			this.checking = true;
			ctx.executor().execute(() -> resume(ctx));
		}
	}

	private void resume(ChannelHandlerContext ctx) {
		this.checking = false;
		Channel channel = ctx.channel();
		if (channel.isActive() && !channel.config().isAutoRead() && ChannelOperations.get(channel) == null) {
			// Between two exchanges the connection must be reading (the exchange that
			// ended may have turned auto-read off, which cancels a read asked for
			// earlier); asking twice is harmless
			ctx.read();
		}
	}

}
