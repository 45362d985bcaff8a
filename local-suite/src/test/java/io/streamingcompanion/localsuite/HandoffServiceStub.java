package io.streamingcompanion.localsuite;

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
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.DomainSocketReadMode;
import io.netty.channel.unix.FileDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service side of the origin's WebSocket handoff (realtime-gateway's {@code SocketHandoff} is the real one),
 * played by hand: it reads the request head, asks for the socket, and then, as {@link Behaviour} says, takes it
 * (answers the handshake itself on the received descriptor and answers whatever the client sends with one text
 * message, {@link #GREETING}) or
 * gives it back at one of the two points where the origin must relay instead.
 */
final class HandoffServiceStub implements AutoCloseable {

    static final String GREETING = "served by the service that took the socket";

    enum Behaviour { TAKE, CLOSE_BEFORE_ASKING, CLOSE_AFTER_DESCRIPTOR }

    private final EventLoopGroup loops = new EpollEventLoopGroup(1);
    private final Path socket;
    private final Channel listener;
    private final Queue<String> heads = new ConcurrentLinkedQueue<>();
    private volatile Behaviour behaviour = Behaviour.TAKE;

    HandoffServiceStub() throws Exception {
        socket = Files.createTempDirectory("handoff-stub").resolve("service.handoff");
        listener = new ServerBootstrap().group(loops).channel(EpollServerDomainSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new Handoff());
                    }
                })
                .bind(new DomainSocketAddress(socket.toString())).sync().channel();
    }

    Path socket() {
        return socket;
    }

    void behave(Behaviour next) {
        behaviour = next;
    }

    /** The request heads the origin sent, in order. */
    Queue<String> heads() {
        return heads;
    }

    @Override
    public void close() throws Exception {
        listener.close().sync();
        loops.shutdownGracefully().sync();
        Files.deleteIfExists(socket);
    }

    private final class Handoff extends ChannelInboundHandlerAdapter {

        private final ByteBuf head = Unpooled.buffer();
        private String request;

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) throws Exception {
            if (message instanceof ByteBuf bytes) {
                head.writeBytes(bytes);
                bytes.release();
                if (head.readableBytes() < 4 || head.readableBytes() < 4 + head.getInt(0)) {
                    return;
                }
                request = head.toString(4, head.getInt(0), StandardCharsets.ISO_8859_1);
                heads.add(request);
                if (behaviour == Behaviour.CLOSE_BEFORE_ASKING) {
                    context.close();
                    return;
                }
                context.channel().config().setOption(EpollChannelOption.DOMAIN_SOCKET_READ_MODE,
                        DomainSocketReadMode.FILE_DESCRIPTORS);
                context.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1}));
            } else if (message instanceof FileDescriptor descriptor) {
                if (behaviour == Behaviour.CLOSE_AFTER_DESCRIPTOR) {
                    descriptor.close();
                    context.close();
                    return;
                }
                take(descriptor.intValue());
                context.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {2})).addListener(ChannelFutureListener.CLOSE);
            }
        }

        /** Answers the client's handshake on its own socket and greets it, without the origin. */
        private void take(int descriptor) throws Exception {
            Matcher key = Pattern.compile("(?im)^Sec-WebSocket-Key: *(\\S+)").matcher(request);
            if (!key.find()) {
                throw new IllegalStateException("No Sec-WebSocket-Key in " + request);
            }
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(
                    (key.group(1) + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1)));
            byte[] greeting = GREETING.getBytes(StandardCharsets.UTF_8);
            ByteBuf answer = Unpooled.copiedBuffer("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept + "\r\n\r\n", StandardCharsets.ISO_8859_1);
            EpollSocketChannel client = new EpollSocketChannel(descriptor);
            client.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext clientContext, Object frame) {
                    ByteBuf bytes = (ByteBuf) frame;
                    boolean closing = (bytes.getByte(bytes.readerIndex()) & 0x0F) == 0x8;
                    bytes.release();
                    if (closing) {
                        clientContext.close();
                    } else {
                        clientContext.writeAndFlush(Unpooled.buffer().writeByte(0x81).writeByte(greeting.length)
                                .writeBytes(greeting));
                    }
                }
            });
            loops.next().register(client).addListener(registered -> client.writeAndFlush(answer));
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) {
            head.release();
        }
    }
}
