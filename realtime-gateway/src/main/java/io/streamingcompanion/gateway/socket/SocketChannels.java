package io.streamingcompanion.gateway.socket;

import io.netty.channel.ChannelHandlerContext;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.impl.WebSocketInternal;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * The Netty channel context under a websockets-next connection, where a fan-out frame is written as
 * pre-encoded bytes ({@link EncodedTextFrame}). websockets-next does not expose its Vert.x WebSocket, so this
 * reads it through the connection's package-private accessor, once per socket, and out of vertx-web's wrapper
 * around it; Vert.x's WebSocket does expose its context ({@link WebSocketInternal}). If either is not there (another Quarkus or Vert.x
 * version), every frame goes through {@code sendText} as before, only slower, and this says so once.
 *
 * <p>The bytes enter the pipeline at the context Vert.x itself writes WebSocket frames to: the encoders toward
 * the head handle frame objects and let a buffer pass as it is, so these frames and Vert.x's own stay in one
 * order.
 */
public final class SocketChannels {

    private static final MethodHandle WEB_SOCKET = webSocketAccessor();
    /** vertx-web hands websockets-next its own WebSocket wrapped (forwarded host and scheme). */
    private static final MethodHandle WRAPPED = wrappedWebSocketAccessor();

    private SocketChannels() {
    }

    private static MethodHandle webSocketAccessor() {
        try {
            Class<?> base = Class.forName("io.quarkus.websockets.next.runtime.WebSocketConnectionBase");
            Method accessor = base.getDeclaredMethod("webSocket");
            accessor.setAccessible(true);
            return MethodHandles.lookup().unreflect(accessor);
        } catch (ReflectiveOperationException | RuntimeException e) {
            Log.warnf("websockets-next's WebSocket is out of reach (%s): fan-out frames are encoded per socket", e);
            return null;
        }
    }

    private static MethodHandle wrappedWebSocketAccessor() {
        try {
            Field delegate = Class.forName("io.vertx.ext.web.impl.ServerWebSocketWrapper").getDeclaredField("delegate");
            delegate.setAccessible(true);
            return MethodHandles.lookup().unreflectGetter(delegate);
        } catch (ReflectiveOperationException | RuntimeException e) {
            Log.warnf("vertx-web's WebSocket wrapper is out of reach (%s): fan-out frames are encoded per socket", e);
            return null;
        }
    }

    /** The context to write this socket's frames to, or empty where only {@code sendText} can. */
    public static Optional<ChannelHandlerContext> of(WebSocketConnection connection) {
        if (WEB_SOCKET == null) {
            return Optional.empty();
        }
        try {
            Object webSocket = WEB_SOCKET.invoke(connection);
            if (!(webSocket instanceof WebSocketInternal) && WRAPPED != null
                    && WRAPPED.type().parameterType(0).isInstance(webSocket)) {
                webSocket = WRAPPED.invoke(webSocket);
            }
            if (webSocket instanceof WebSocketInternal internal && internal.channelHandlerContext() != null) {
                return Optional.of(internal.channelHandlerContext());
            }
            return Optional.empty();
        } catch (Throwable e) {
            return Optional.empty();
        }
    }
}
