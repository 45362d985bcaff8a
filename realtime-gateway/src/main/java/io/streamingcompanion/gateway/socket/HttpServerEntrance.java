package io.streamingcompanion.gateway.socket;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.impl.HttpServerImpl;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.ServerID;
import io.vertx.core.net.impl.TCPServerBase;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The way into this process's own HTTP server for a TCP connection it did not accept itself: a client socket
 * another process accepted and handed over ({@link SocketHandoff}). Such a connection gets the pipeline Vert.x
 * gives a connection it accepts (HTTP, then the WebSocket upgrade, routes, limits), on one of the server's event
 * loops, and is served exactly like one.
 *
 * <p>Vert.x has no API for this. Its server hands every accepted channel to a load balancer (a Netty channel
 * initializer that picks the HTTP worker of the channel's event loop); this reads that balancer out of the
 * server Vert.x shares between its event loops, once. If Vert.x moves it, {@link #of} is empty and the origin
 * relays the socket instead, as before.
 */
final class HttpServerEntrance {

    private final ChannelHandler balancer;
    private final EventLoopGroup loops;

    private HttpServerEntrance(ChannelHandler balancer, EventLoopGroup loops) {
        this.balancer = balancer;
        this.loops = loops;
    }

    /** The entrance of the HTTP server listening on a TCP port in {@code vertx}, if there is exactly one. */
    static Optional<HttpServerEntrance> of(Vertx vertx) throws ReflectiveOperationException {
        Map<ServerID, HttpServerImpl> shared = ((VertxInternal) vertx).sharedTCPServers(HttpServerImpl.class);
        List<HttpServerImpl> tcp;
        synchronized (shared) {
            // A domain socket server (the local suite's) has no port.
            tcp = shared.values().stream().filter(server -> server.actualPort() > 0).toList();
        }
        if (tcp.size() != 1) {
            return Optional.empty();
        }
        Field balancerField = TCPServerBase.class.getDeclaredField("channelBalancer");
        balancerField.setAccessible(true);
        Object balancer = balancerField.get(tcp.get(0));
        if (!(balancer instanceof ChannelHandler handler)) {
            return Optional.empty();
        }
        Method workers = balancer.getClass().getMethod("workers");
        workers.setAccessible(true);
        return Optional.of(new HttpServerEntrance(handler, (EventLoopGroup) workers.invoke(balancer)));
    }

    /**
     * Serves the connected TCP socket {@code fd} from now on, starting with {@code requestHead} (the bytes its
     * client already sent, which the process handing it over has read). Owns both: on failure the socket is
     * closed and the buffer released. Completes once the connection is in the server.
     */
    Future<Channel> admit(int fd, ByteBuf requestHead) {
        EpollSocketChannel channel;
        try {
            channel = new EpollSocketChannel(fd);
        } catch (RuntimeException e) {
            requestHead.release();
            throw e;
        }
        // Options of the socket itself (no-delay, keep-alive) came with it; this one is the channel's.
        channel.config().setOption(ChannelOption.TCP_NODELAY, true);
        channel.pipeline().addLast(balancer);
        var loop = loops.next();
        Promise<Channel> done = loop.newPromise();
        loop.register(channel).addListener(registration -> {
            if (!registration.isSuccess()) {
                requestHead.release();
                channel.unsafe().closeForcibly();
                done.setFailure(registration.cause());
                return;
            }
            // Registration runs the balancer (the HTTP pipeline) and only then marks the channel active: the head is
            // read after that, as the first bytes from the socket would have been.
            loop.execute(() -> {
                channel.pipeline().fireChannelRead(requestHead);
                channel.pipeline().fireChannelReadComplete();
                done.setSuccess(channel);
            });
        });
        return done;
    }
}
