package io.streamingcompanion.localsuite;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.FileDescriptor;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.impl.ConnectionBase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Hands a client's WebSocket connection over to the service that serves it, on this machine, instead of relaying
 * its frames: the service gets the client's request head and the socket's file descriptor over its handoff socket
 * (realtime-gateway's {@code SocketHandoff} has the protocol) and from then on reads and writes the client's
 * socket itself. The origin is out of the path after the handshake, as a load balancer that steers connections
 * is; relayed, every frame of a tip's fan-out cost a read and a write here, the suite's largest CPU use.
 *
 * <p>Whatever fails before the service has the socket (no handoff socket, the service refuses it, a TLS or
 * non-epoll connection) leaves the connection with the origin, which relays it ({@link WebSocketRelay}).
 */
final class WebSocketHandoff {

    private static final Logger LOG = Logger.getLogger(WebSocketHandoff.class);

    private static final byte SEND_SOCKET = 1;
    private static final byte ADOPTED = 2;
    private static final long TIMEOUT_SECONDS = 10;

    /** Set by the origin for the service, as on the relayed path; a client's own would be believed. */
    private static final Set<String> REPLACED_HEADERS = Set.of("x-forwarded-for", "x-forwarded-proto", "forwarded");

    private final WebSocketRelay relay;
    private final Map<String, Path> handoffSockets;

    WebSocketHandoff(WebSocketRelay relay, Map<String, Path> handoffSockets) {
        this.relay = relay;
        this.handoffSockets = Map.copyOf(handoffSockets);
    }

    /** Hands {@code request}'s connection to {@code serviceName} if it takes sockets, else relays it to {@code service}. */
    void route(HttpServerRequest request, String serviceName, SocketAddress service, String uri) {
        Path handoffSocket = handoffSockets.get(serviceName);
        Channel client = handoffSocket == null ? null : plainEpollChannel(request);
        if (client == null || !WebSocketRelay.isValidUri(uri)) {
            relay.relay(request, service, uri);
            return;
        }
        // Nothing of the client's may be read here any more: the service reads the socket once it has it.
        request.pause();
        ByteBuf head = Unpooled.wrappedBuffer(requestHead(request, uri));
        // The handoff's own callbacks are Netty's, on the same event loop; the relay wants the request's context.
        Context context = Vertx.currentContext();
        Runnable relayInstead = () -> context.runOnContext(ignored -> relay.relay(request, service, uri));
        new Bootstrap()
                .group(client.eventLoop())
                .channel(EpollDomainSocketChannel.class)
                .handler(new Handoff(request, client, head, relayInstead))
                .connect(new DomainSocketAddress(handoffSocket.toString()))
                .addListener(connected -> {
                    if (!connected.isSuccess()) {
                        head.release();
                        LOG.debugf("No handoff to %s (%s): relaying", serviceName, connected.cause());
                        relayInstead.run();
                    }
                });
    }

    /** The client connection's channel, if it is a plain (not TLS) TCP socket on epoll: only such can be handed over. */
    private static Channel plainEpollChannel(HttpServerRequest request) {
        if (!(request.connection() instanceof ConnectionBase connection)) {
            return null;
        }
        Channel channel = connection.channel();
        return channel instanceof EpollSocketChannel && channel.pipeline().get(SslHandler.class) == null ? channel : null;
    }

    /** The request as the client sent it, with the origin's path and query and its own forwarding headers. */
    static byte[] requestHead(HttpServerRequest request, String uri) {
        StringBuilder head = new StringBuilder(512).append("GET ").append(uri).append(" HTTP/1.1\r\n");
        request.headers().forEach(header -> {
            if (!REPLACED_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
            }
        });
        head.append("X-Forwarded-Proto: ").append(request.scheme()).append("\r\n");
        head.append("X-Forwarded-For: ").append(request.remoteAddress().hostAddress()).append("\r\n\r\n");
        byte[] bytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] framed = new byte[Integer.BYTES + bytes.length];
        Unpooled.wrappedBuffer(framed).setInt(0, bytes.length);
        System.arraycopy(bytes, 0, framed, Integer.BYTES, bytes.length);
        return framed;
    }

    /**
     * One handoff, on the client connection's event loop. Until the service has said it took the socket, the
     * socket is the origin's: a failure re-registers it here and relays it.
     */
    private static final class Handoff extends ChannelInboundHandlerAdapter {

        private final HttpServerRequest request;
        private final Channel client;
        private final Runnable relay;
        private ByteBuf head;
        private boolean clientDeregistered;
        private boolean adopted;

        Handoff(HttpServerRequest request, Channel client, ByteBuf head, Runnable relay) {
            this.request = request;
            this.client = client;
            this.head = head;
            this.relay = relay;
        }

        @Override
        public void channelActive(ChannelHandlerContext context) {
            context.executor().schedule(() -> {
                if (!adopted) {
                    LOG.debugf("The handoff of %s timed out", request.path());
                    context.close();
                }
            }, TIMEOUT_SECONDS, TimeUnit.SECONDS);
            ByteBuf sending = head;
            head = null;
            context.writeAndFlush(sending);
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            try {
                if (!(message instanceof ByteBuf answer)) {
                    context.close();
                    return;
                }
                while (answer.isReadable()) {
                    byte said = answer.readByte();
                    if (said == SEND_SOCKET && !clientDeregistered) {
                        sendSocket(context);
                    } else if (said == ADOPTED && clientDeregistered) {
                        adopted = true;
                        // Only this process's descriptor: the connection stays open in the service's.
                        client.close();
                        context.close();
                    } else {
                        context.close();
                    }
                }
            } finally {
                ReferenceCountUtil.release(message);
            }
        }

        private void sendSocket(ChannelHandlerContext context) {
            clientDeregistered = true;
            // Out of this event loop first: from now on the socket's bytes are the service's to read.
            client.deregister().addListener(done -> {
                if (done.isSuccess()) {
                    context.writeAndFlush(new FileDescriptor(((EpollSocketChannel) client).fd().intValue()));
                } else {
                    context.close();
                }
            });
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) {
            if (head != null) {
                head.release();
                head = null;
            }
            if (adopted) {
                return;
            }
            if (!clientDeregistered) {
                relay.run();
                return;
            }
            // The service closed without taking the socket: it is still this process's, whole, to relay.
            client.eventLoop().register(client).addListener(registered -> {
                if (registered.isSuccess()) {
                    relay.run();
                } else {
                    client.close();
                }
            });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            LOG.debugf("Handoff of %s: %s", request.path(), cause);
            context.close();
        }
    }
}
