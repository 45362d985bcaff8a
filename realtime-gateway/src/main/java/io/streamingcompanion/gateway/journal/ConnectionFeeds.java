package io.streamingcompanion.gateway.journal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
    private final Counter sharedWrites;

    public ConnectionFeeds(MeterRegistry metrics) {
        this.sharedWrites = Counter.builder("gateway.fanout.shared.writes")
                .description("Socket writes that carried several frames of one fan-out")
                .register(metrics);
    }

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

    /** A live frame and the sockets it is for. */
    public record Outgoing(Collection<WebSocketConnection> to, long position, String text) {
    }

    /**
     * A live frame for these sockets, each written on its own event loop, one task per loop. Always queued, also
     * to the loop this runs on, so that each loop writes the frames of successive calls in the order of the calls.
     */
    public void offerAll(Collection<WebSocketConnection> connections, long position, String text) {
        offerAll(List.of(new Outgoing(connections, position, text)));
    }

    /**
     * Live frames, in this order, each for its own sockets; a socket that gets several of them gets them in one
     * flush, which Netty writes with one system call (a loopback write costs the sender ~10 µs in the kernel,
     * the receiver's side included, whatever its size).
     */
    public void offerAll(List<Outgoing> frames) {
        Map<Context, List<SocketBatch>> byLoop = new HashMap<>();
        // A socket in several of the frames' rooms gets one batch; with one frame there is nothing to merge.
        Map<String, SocketBatch> batches = frames.size() > 1 ? new HashMap<>() : null;
        for (int index = 0; index < frames.size(); index++) {
            Outgoing frame = frames.get(index);
            for (WebSocketConnection connection : frame.to()) {
                Home home = homes.get(connection.id());
                if (home == null) {
                    offer(connection, frame.position(), frame.text());
                    continue;
                }
                SocketBatch batch = batches == null ? null : batches.get(connection.id());
                if (batch == null) {
                    batch = new SocketBatch(connection, home, batches == null ? ONLY_FRAME : new boolean[frames.size()]);
                    byLoop.computeIfAbsent(home.loop(), ignored -> new ArrayList<>()).add(batch);
                    if (batches != null) {
                        batches.put(connection.id(), batch);
                    }
                }
                if (batches != null) {
                    batch.frames()[index] = true;
                }
            }
        }
        if (byLoop.isEmpty()) {
            return;
        }
        EncodedTextFrame[] encoded = new EncodedTextFrame[frames.size()];
        for (int index = 0; index < encoded.length; index++) {
            encoded[index] = EncodedTextFrame.of(frames.get(index).text(), ByteBufAllocator.DEFAULT);
        }
        try {
            byLoop.forEach((loop, sockets) -> {
                for (EncodedTextFrame frame : encoded) {
                    frame.retain();
                }
                loop.runOnContext(ignored -> {
                    try {
                        int shared = 0;
                        for (SocketBatch socket : sockets) {
                            shared += write(socket, frames, encoded) > 1 ? 1 : 0;
                        }
                        if (shared > 0) {
                            sharedWrites.increment(shared);
                        }
                    } finally {
                        for (EncodedTextFrame frame : encoded) {
                            frame.release();
                        }
                    }
                });
            });
        } finally {
            for (EncodedTextFrame frame : encoded) {
                frame.release();
            }
        }
    }

    /** One socket's share of a fan-out: which of its frames are for it. */
    private record SocketBatch(WebSocketConnection connection, Home home, boolean[] frames) {
    }

    /** The share of every socket in a fan-out of one frame (never written to: that frame is for all of them). */
    private static final boolean[] ONLY_FRAME = {true};

    /** @return how many frames went out in the socket's flush */
    private int write(SocketBatch socket, List<Outgoing> frames, EncodedTextFrame[] encoded) {
        int unflushed = 0;
        for (int index = 0; index < encoded.length; index++) {
            if (socket.frames()[index] && offer(socket.connection(), frames.get(index).position(), encoded[index], socket.home())) {
                unflushed++;
            }
        }
        if (unflushed > 0) {
            socket.home().channel().flush();
        }
        return unflushed;
    }

    /**
     * A live frame for this socket: written now, or held while the socket catches up. A positioned frame at or
     * below the last one written is dropped: a catch-up written while the frame waited for its loop covered it.
     * Position 0 (the journal started again) is always written and positions start over after it.
     */
    public void offer(WebSocketConnection connection, long position, String text) {
        offer(connection, position, text, null, null, null);
    }

    /** @return whether the frame was written to the socket's channel and awaits a flush */
    private boolean offer(WebSocketConnection connection, long position, EncodedTextFrame frame, Home home) {
        return offer(connection, position, frame.text(), frame, home.channel(), home.feed());
    }

    private boolean offer(WebSocketConnection connection, long position, String text, EncodedTextFrame frame,
                          ChannelHandlerContext channel, Feed known) {
        if (!connection.isOpen()) {
            return false;
        }
        Feed feed = known != null ? known : feeds.get(connection.id());
        if (feed == null) {
            feed = feeds.computeIfAbsent(connection.id(), id -> new Feed());
            if (!connection.isOpen()) {
                feeds.remove(connection.id()); // closed meanwhile: forget() may have run before the entry was made
                return false;
            }
        }
        synchronized (feed) {
            if (position > 0 && position <= feed.sent) {
                return false;
            }
            if (feed.catchUps > 0) {
                feed.held.add(new Held(position, text));
                return false;
            }
            feed.sent = position;
            if (frame != null && channel != null) {
                channel.write(frame.forWrite());
                return true;
            }
            write(connection, text);
            return false;
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
