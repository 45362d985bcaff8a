package io.streamingcompanion.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.FileDescriptor;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamingcompanion.gateway.config.GatewayConfig;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.WebSocketTestClient;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client socket handed over the way the local suite's origin does it (request head, then the descriptor) is
 * served by the gateway as if it had accepted it; anything but that protocol is refused before a socket is asked
 * for. The origin is played here by a few lines of Netty: it accepts the client, reads its request head and hands
 * the socket over.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
@WithTestResource(SessionServiceStub.class)
class SocketHandoffTest {

    @Inject
    GatewayConfig config;

    private EventLoopGroup loops;
    private Channel origin;

    @BeforeEach
    void startOrigin() throws Exception {
        loops = new EpollEventLoopGroup(1);
        String handoff = config.socketHandoff().path().orElseThrow();
        origin = new ServerBootstrap().group(loops).channel(EpollServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel client) {
                        client.pipeline().addLast(new HandingOver(handoff));
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    @AfterEach
    void stopOrigin() throws Exception {
        origin.close().sync();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    @Test
    void aHandedOverSocketIsServedByTheGateway() {
        int port = ((InetSocketAddress) origin.localAddress()).getPort();
        try (var overlay = WebSocketTestClient.anonymous(URI.create("ws://127.0.0.1:" + port + "/streaming/overlay"))) {
            // The handshake and this answer came from the gateway, over the socket the origin accepted and let go of.
            overlay.send("join_overlay", Map.of("overlayKey", "ovl_unknown-" + UUID.randomUUID()));
            assertEquals("invalid_overlay_key", overlay.await("error").path("code").asText());
        }
    }

    @Test
    void anythingButTheProtocolIsClosedWithoutAskingForASocket() throws Exception {
        for (byte[] sent : new byte[][] {
                {0, 2, 0, 0, 'x'},              // a head longer than the gateway takes
                {0, 0, 0, 0},                    // an empty head
                {0, 0, 0, 1, 'x', 'y'}}) {       // more than the head said
            CompletableFuture<String> answer = new CompletableFuture<>();
            Channel channel = new Bootstrap().group(loops).channel(EpollDomainSocketChannel.class)
                    .handler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext context, Object message) {
                            answer.complete("answered " + ((ByteBuf) message).readByte());
                            ((ByteBuf) message).release();
                        }

                        @Override
                        public void channelInactive(ChannelHandlerContext context) {
                            answer.complete("closed");
                        }
                    })
                    .connect(new DomainSocketAddress(config.socketHandoff().path().orElseThrow())).sync().channel();
            channel.writeAndFlush(Unpooled.wrappedBuffer(sent));
            assertEquals("closed", answer.get(10, TimeUnit.SECONDS));
        }
    }

    /** The origin's side: the client's request head, then its descriptor; the origin's own is closed at the end. */
    private static final class HandingOver extends ChannelInboundHandlerAdapter {

        private final String handoff;
        private final ByteBuf head = Unpooled.buffer();

        HandingOver(String handoff) {
            this.handoff = handoff;
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            ByteBuf bytes = (ByteBuf) message;
            head.writeBytes(bytes);
            bytes.release();
            if (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                return;
            }
            EpollSocketChannel client = (EpollSocketChannel) context.channel();
            client.deregister().addListener(deregistered -> new Bootstrap().group(context.channel().eventLoop())
                    .channel(EpollDomainSocketChannel.class)
                    .handler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelActive(ChannelHandlerContext handoffContext) {
                            ByteBuf framed = Unpooled.buffer().writeInt(head.readableBytes()).writeBytes(head);
                            handoffContext.writeAndFlush(framed);
                        }

                        @Override
                        public void channelRead(ChannelHandlerContext handoffContext, Object answer) {
                            byte said = ((ByteBuf) answer).readByte();
                            ((ByteBuf) answer).release();
                            if (said == 1) {
                                handoffContext.writeAndFlush(new FileDescriptor(client.fd().intValue()));
                            } else {
                                assertTrue(said == 2, "unexpected answer " + said);
                                client.close();
                                handoffContext.close();
                            }
                        }
                    })
                    .connect(new DomainSocketAddress(handoff)));
        }
    }
}
