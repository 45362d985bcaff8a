package io.streamingcompanion.gateway.socket;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.DomainSocketReadMode;
import io.netty.channel.unix.FileDescriptor;
import io.netty.util.ReferenceCountUtil;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.streamingcompanion.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Takes over client WebSocket connections the local suite's origin accepted, so that their frames go from this
 * process to the client directly instead of through the origin. A relaying origin reads and writes every frame
 * of a fan-out once more (two system calls and a copy per frame per socket); it was the suite's largest CPU user
 * under a tip's fan-out to 1,000 overlays. Behind nginx or an ingress this is not used: they proxy, and their
 * cost is theirs.
 *
 * <p>One connection to {@code gateway.socket-handoff.path} per handed-over socket, in this order:
 * <ol>
 * <li>origin: the client's request head (what it already read from the socket), as a 4-byte length and the bytes;
 * <li>gateway: {@link #SEND_SOCKET} once it can take the socket into its HTTP server (else it closes, and the
 *     origin relays);
 * <li>origin: the socket's file descriptor (SCM_RIGHTS); it has stopped reading the socket before;
 * <li>gateway: {@link #ADOPTED} once the socket is in its HTTP server, which serves the head as the socket's first
 *     bytes. The origin then closes its own descriptor of the socket, which leaves the connection open.
 * </ol>
 * The socket path is in a directory only the suite's user may enter: whoever can connect could as well connect
 * to this gateway's port.
 */
@ApplicationScoped
public class SocketHandoff {

    static final byte SEND_SOCKET = 1;
    static final byte ADOPTED = 2;
    /** Netty's HTTP decoder refuses longer heads anyway (8 KB line, 8 KB headers by default). */
    static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final long HANDOFF_TIMEOUT_SECONDS = 10;

    private final GatewayConfig config;
    private final Vertx vertx;
    private final Counter adopted;
    private final Counter refused;
    private volatile Channel listener;
    private volatile Path path;
    private volatile HttpServerEntrance entrance;

    public SocketHandoff(GatewayConfig config, Vertx vertx, MeterRegistry metrics) {
        this.config = config;
        this.vertx = vertx;
        this.adopted = handoffs(metrics, "adopted");
        this.refused = handoffs(metrics, "refused");
    }

    private static Counter handoffs(MeterRegistry metrics, String outcome) {
        return Counter.builder("gateway.socket.handoffs")
                .description("Client sockets an origin on this machine handed over, by whether this gateway took them")
                .tag("outcome", outcome)
                .register(metrics);
    }

    void start(@Observes StartupEvent event) {
        config.socketHandoff().path().map(Path::of).ifPresent(this::listen);
    }

    void stop(@Observes ShutdownEvent event) {
        Channel open = listener;
        if (open != null) {
            open.close().syncUninterruptibly();
            deleteQuietly(path);
        }
    }

    /** Whether origins can hand sockets over right now (a test asks). */
    public boolean listening() {
        Channel open = listener;
        return open != null && open.isActive();
    }

    private void listen(Path socketPath) {
        EventLoopGroup loops = vertx.nettyEventLoopGroup();
        if (!(loops instanceof EpollEventLoopGroup)) {
            Log.warnf("Not taking over sockets at %s: it needs Vert.x on epoll (Linux); the origin relays them", socketPath);
            return;
        }
        // A killed gateway leaves its socket file behind, and binding to an existing file fails.
        deleteQuietly(socketPath);
        path = socketPath;
        listener = new ServerBootstrap()
                .group(loops)
                .channel(EpollServerDomainSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new Handoff());
                    }
                })
                .bind(new DomainSocketAddress(socketPath.toString()))
                .syncUninterruptibly()
                .channel();
        Log.infof("Taking over client sockets handed over at %s", socketPath);
    }

    private Optional<HttpServerEntrance> entrance() {
        HttpServerEntrance known = entrance;
        if (known != null) {
            return Optional.of(known);
        }
        try {
            Optional<HttpServerEntrance> found = HttpServerEntrance.of(vertx);
            found.ifPresentOrElse(server -> entrance = server,
                    () -> Log.warn("No HTTP server to take handed-over sockets into: the origin relays them"));
            return found;
        } catch (ReflectiveOperationException | RuntimeException e) {
            Log.warnf("Vert.x's HTTP server cannot take sockets in (%s): the origin relays them", e);
            return Optional.empty();
        }
    }

    private static void deleteQuietly(Path socketPath) {
        try {
            Files.deleteIfExists(socketPath);
        } catch (IOException e) {
            Log.debugf("Could not delete %s: %s", socketPath, e);
        }
    }

    /** One handed-over socket; see the class comment for the order of things. */
    private final class Handoff extends ChannelInboundHandlerAdapter {

        private ByteBuf head;
        private HttpServerEntrance into;
        private boolean socketReceived;

        @Override
        public void channelActive(ChannelHandlerContext context) {
            context.executor().schedule(() -> {
                if (!socketReceived) {
                    context.close();
                }
            }, HANDOFF_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            context.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (message instanceof FileDescriptor socket) {
                admit(context, socket);
            } else if (message instanceof ByteBuf bytes && into == null) {
                readHead(context, bytes);
            } else {
                // Bytes after the head, or anything else: not this protocol.
                ReferenceCountUtil.release(message);
                context.close();
            }
        }

        private void readHead(ChannelHandlerContext context, ByteBuf bytes) {
            if (head == null) {
                head = context.alloc().buffer(Math.max(bytes.readableBytes(), 1024));
            }
            head.writeBytes(bytes);
            bytes.release();
            if (head.readableBytes() < Integer.BYTES) {
                return;
            }
            int length = head.getInt(head.readerIndex());
            if (length <= 0 || length > MAX_HEAD_BYTES || head.readableBytes() > Integer.BYTES + length) {
                context.close();
                return;
            }
            if (head.readableBytes() < Integer.BYTES + length) {
                return;
            }
            Optional<HttpServerEntrance> server = entrance();
            if (server.isEmpty()) {
                refused.increment();
                context.close();
                return;
            }
            into = server.get();
            head.skipBytes(Integer.BYTES);
            // The descriptor comes as ancillary data with one byte, which only this read mode receives.
            context.channel().config().setOption(EpollChannelOption.DOMAIN_SOCKET_READ_MODE,
                    DomainSocketReadMode.FILE_DESCRIPTORS);
            context.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {SEND_SOCKET}));
        }

        private void admit(ChannelHandlerContext context, FileDescriptor socket) {
            if (into == null || socketReceived) {
                closeQuietly(socket);
                context.close();
                return;
            }
            socketReceived = true;
            ByteBuf request = head;
            head = null;
            try {
                into.admit(socket.intValue(), request).addListener(admitted -> {
                    if (admitted.isSuccess()) {
                        adopted.increment();
                        context.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {ADOPTED}))
                                .addListener(ChannelFutureListener.CLOSE);
                    } else {
                        refused.increment();
                        Log.debugf("A handed-over socket could not be taken in: %s", admitted.cause());
                        context.close();
                    }
                });
            } catch (RuntimeException e) {
                refused.increment();
                Log.debugf("A handed-over socket could not be taken in: %s", e);
                closeQuietly(socket);
                context.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) {
            if (head != null) {
                head.release();
                head = null;
            }
            context.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            Log.debugf("Socket handoff: %s", cause);
            context.close();
        }

        private static void closeQuietly(FileDescriptor socket) {
            try {
                socket.close();
            } catch (IOException e) {
                Log.debugf("Could not close a handed-over socket: %s", e);
            }
        }
    }
}
