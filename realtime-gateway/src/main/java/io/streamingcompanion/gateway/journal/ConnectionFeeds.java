package io.streamingcompanion.gateway.journal;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.vertx.VertxContext;
import io.streamingcompanion.gateway.socket.EncodedTextFrame;
import io.streamingcompanion.gateway.socket.SocketChannels;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The positioned frames of each socket of this replica. While a socket catches up (replay or snapshot read
 * from Redis), live frames for it are held back; once the catch-up is written, the held frames it already
 * covers are dropped and the rest follow, so nothing arrives twice or out of order.
 *
 * <p>A frame for a room is handed to each event loop once ({@link #offerAll}), and that loop writes it to its own
 * sockets: written from elsewhere, every socket's write was a task of its own, queued to its loop (a fifth of the
 * gateway's CPU under a tip's fan-out to 1,000 sockets). The frame is encoded once for all of them
 * ({@link EncodedTextFrame}) and written straight to each socket's channel: through {@code sendText}, each socket
 * paid for its own UTF-8 encoding, frame object, header and a {@code Uni}.
 */
@ApplicationScoped
public class ConnectionFeeds {

    private record Held(long position, String text) {
    }

    private static final class Feed {
        int catchUps;
        long sent;
        long coveredUpTo;
        final List<Held> held = new ArrayList<>();
    }

    /**
     * Where a socket lives: its event loop, its channel where frames can be written as bytes, and its feed (held
     * here too: a fan-out reaches it without another lookup among 10,000 sockets, which was 5 % of the gateway).
     */
    private record Home(Context loop, ChannelHandlerContext channel, Feed feed) {
    }

    private final Map<String, Feed> feeds = new ConcurrentHashMap<>();
    private final Map<String, Home> homes = new ConcurrentHashMap<>();

    /** Remembers the event loop the socket lives on; call from the socket's own callbacks (its @OnOpen). */
    public void opened(WebSocketConnection connection) {
        Context current = Vertx.currentContext();
        if (current != null) {
            homes.put(connection.id(), new Home(VertxContext.getRootContext(current),
                    SocketChannels.of(connection).orElse(null), feeds.computeIfAbsent(connection.id(), id -> new Feed())));
        }
    }

    /** Whether this socket's fan-out frames are written as pre-encoded bytes. */
    public boolean writesEncoded(WebSocketConnection connection) {
        Home home = homes.get(connection.id());
        return home != null && home.channel() != null;
    }

    /**
     * A live frame for these sockets, each written on its own event loop, one task per loop. Always queued, also
     * to the loop this runs on, so that each loop writes the frames of successive calls in the order of the calls.
     */
    public void offerAll(Collection<WebSocketConnection> connections, long position, String text) {
        Map<Context, List<Homed>> byLoop = new HashMap<>();
        for (WebSocketConnection connection : connections) {
            Home home = homes.get(connection.id());
            if (home == null) {
                offer(connection, position, text);
            } else {
                byLoop.computeIfAbsent(home.loop(), ignored -> new ArrayList<>()).add(new Homed(connection, home));
            }
        }
        if (byLoop.isEmpty()) {
            return;
        }
        EncodedTextFrame frame = EncodedTextFrame.of(text, ByteBufAllocator.DEFAULT);
        try {
            byLoop.forEach((loop, sockets) -> {
                frame.retain();
                loop.runOnContext(ignored -> {
                    try {
                        sockets.forEach(socket -> offer(socket.connection(), position, frame, socket.home()));
                    } finally {
                        frame.release();
                    }
                });
            });
        } finally {
            frame.release();
        }
    }

    private record Homed(WebSocketConnection connection, Home home) {
    }

    /**
     * A live frame for this socket: written now, or held while the socket catches up. A positioned frame at or
     * below the last one written is dropped: a catch-up written while the frame waited for its loop covered it.
     * Position 0 (the journal started again) is always written and positions start over after it.
     */
    public void offer(WebSocketConnection connection, long position, String text) {
        offer(connection, position, text, null, null, null);
    }

    private void offer(WebSocketConnection connection, long position, EncodedTextFrame frame, Home home) {
        offer(connection, position, frame.text(), frame, home.channel(), home.feed());
    }

    private void offer(WebSocketConnection connection, long position, String text, EncodedTextFrame frame,
                       ChannelHandlerContext channel, Feed known) {
        if (!connection.isOpen()) {
            return;
        }
        Feed feed = known != null ? known : feeds.get(connection.id());
        if (feed == null) {
            feed = feeds.computeIfAbsent(connection.id(), id -> new Feed());
            if (!connection.isOpen()) {
                feeds.remove(connection.id()); // closed meanwhile: forget() may have run before the entry was made
                return;
            }
        }
        synchronized (feed) {
            if (position > 0 && position <= feed.sent) {
                return;
            }
            if (feed.catchUps > 0) {
                feed.held.add(new Held(position, text));
                return;
            }
            feed.sent = position;
            if (frame != null && channel != null) {
                channel.writeAndFlush(frame.forWrite());
            } else {
                write(connection, text);
            }
        }
    }

    /** Holds live frames back until {@link #release}; returns the position of the last frame sent so far. */
    public long hold(WebSocketConnection connection) {
        Feed feed = feeds.computeIfAbsent(connection.id(), id -> new Feed());
        synchronized (feed) {
            feed.catchUps++;
            return feed.sent;
        }
    }

    /**
     * Writes the catch-up frames, which cover everything up to {@code coveredUpTo}, then the live frames held
     * meanwhile that came after it.
     */
    public void release(WebSocketConnection connection, List<String> catchUp, long coveredUpTo) {
        Feed feed = feeds.computeIfAbsent(connection.id(), id -> new Feed());
        synchronized (feed) {
            catchUp.forEach(text -> write(connection, text));
            feed.coveredUpTo = Math.max(feed.coveredUpTo, coveredUpTo);
            feed.sent = Math.max(feed.sent, coveredUpTo);
            if (feed.catchUps > 0 && --feed.catchUps == 0) {
                for (Held held : feed.held) {
                    if (held.position() > feed.coveredUpTo) {
                        feed.sent = held.position();
                        write(connection, held.text());
                    }
                }
                feed.held.clear();
                feed.coveredUpTo = 0;
            }
        }
    }

    public void forget(WebSocketConnection connection) {
        feeds.remove(connection.id());
        homes.remove(connection.id());
    }

    private static void write(WebSocketConnection connection, String text) {
        if (connection.isOpen()) {
            connection.sendText(text).subscribe().with(ignored -> { },
                    failure -> Log.debugf("Dropped a frame to closing socket %s: %s", connection.id(), failure.getMessage()));
        }
    }
}
