package io.streamingcompanion.gateway.journal;

import io.quarkus.logging.Log;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The positioned frames of each socket of this replica. While a socket catches up (replay or snapshot read
 * from Redis), live frames for it are held back; once the catch-up is written, the held frames it already
 * covers are dropped and the rest follow, so nothing arrives twice or out of order.
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

    private final Map<String, Feed> feeds = new ConcurrentHashMap<>();

    /** A live frame for this socket: written now, or held while the socket catches up. */
    public void offer(WebSocketConnection connection, long position, String text) {
        Feed feed = feeds.computeIfAbsent(connection.id(), id -> new Feed());
        synchronized (feed) {
            if (feed.catchUps > 0) {
                feed.held.add(new Held(position, text));
                return;
            }
            feed.sent = position;
            write(connection, text);
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
    }

    private static void write(WebSocketConnection connection, String text) {
        if (connection.isOpen()) {
            connection.sendText(text).subscribe().with(ignored -> { },
                    failure -> Log.debugf("Dropped a frame to closing socket %s: %s", connection.id(), failure.getMessage()));
        }
    }
}
