package io.streamingcompanion.gateway.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.gateway.config.GatewayConfig;
import io.streamingcompanion.gateway.room.RoomRegistry;
import io.streamingcompanion.gateway.room.Rooms;
import io.streamingcompanion.gateway.socket.Frames.ReplayTruncated;
import io.streamingcompanion.gateway.socket.Frames.ServerFrame;
import io.streamingcompanion.gateway.socket.Frames.Snapshot;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Delivers the journal's published entries to this replica's sockets. Redis pub/sub is at-most-once and a
 * subscription dies with its connection (the Quarkus client does not subscribe again by itself), so this
 * subscribes again with backoff, and for every creator with sockets here it remembers the last position
 * delivered: a gap (a message lost while the subscription was down) is filled from the journal before
 * anything newer is delivered.
 */
@ApplicationScoped
public class LiveFeed {

    private static final long MIN_RETRY_MILLIS = 200;
    private static final long MAX_RETRY_MILLIS = 5_000;

    /** Per creator: what was delivered, and what waits while a gap is read from the journal. */
    private static final class Cursor {
        long delivered;
        long deliveredAppendedAt;
        /** The journal started again: entries from position 1 are due, none may be skipped. */
        boolean restarted;
        boolean filling;
        final Deque<JournalEntry> waiting = new ArrayDeque<>();
        /** Delivered entries not yet written: state frames waiting to share the next frame's write. */
        final List<JournalEntry> unwritten = new ArrayList<>();
        long unwrittenTimer = -1;
    }

    /**
     * Frames that carry state rather than news: each follows a tip (session-service's new totals, goal-menu's
     * progress), about as often as tips come, and a tip's own frame already carries the session's totals. Held
     * for up to {@code gateway.journal.state-frame-hold}, they go out in one write with the next frame of the
     * creator (in a burst of tips, the next tip), which halves the system calls of a fan-out.
     */
    private static final Set<String> STATE_FRAMES = Set.of("session_updated", "goal_progress");

    private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();
    private final AtomicBoolean subscribing = new AtomicBoolean();
    private final ReactiveRedisDataSource redis;
    private final FrameJournal journal;
    private final RoomRegistry rooms;
    private final ConnectionFeeds feeds;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final long stateFrameHoldMillis;
    private volatile boolean stopped;
    private volatile boolean everSubscribed;
    private long retryMillis = MIN_RETRY_MILLIS;

    public LiveFeed(ReactiveRedisDataSource redis, FrameJournal journal, RoomRegistry rooms, ConnectionFeeds feeds,
                    ObjectMapper json, Vertx vertx, GatewayConfig config) {
        this.redis = redis;
        this.journal = journal;
        this.rooms = rooms;
        this.feeds = feeds;
        this.json = json;
        this.vertx = vertx;
        this.stateFrameHoldMillis = config.journal().stateFrameHold().toMillis();
    }

    void start(@Observes StartupEvent event) {
        subscribe();
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
    }

    private void subscribe() {
        if (stopped || !subscribing.compareAndSet(false, true)) {
            return;
        }
        redis.pubsub(String.class).subscribe(FrameJournal.CHANNEL, this::received, () -> lost(null), this::lost)
                .subscribe().with(subscriber -> {
                    subscribing.set(false);
                    retryMillis = MIN_RETRY_MILLIS;
                    if (everSubscribed) {
                        Log.infof("Subscribed to %s again; catching up %d creators", FrameJournal.CHANNEL, cursors.size());
                        cursors.keySet().forEach(this::catchUp);
                    }
                    everSubscribed = true;
                }, failure -> {
                    subscribing.set(false);
                    retryLater(failure);
                });
    }

    private void lost(Throwable failure) {
        if (!stopped) {
            retryLater(failure);
        }
    }

    private synchronized void retryLater(Throwable failure) {
        long delay = retryMillis;
        retryMillis = Math.min(MAX_RETRY_MILLIS, retryMillis * 2);
        Log.warnf("Subscription to %s lost or refused (%s); subscribing again in %d ms", FrameJournal.CHANNEL,
                failure == null ? "connection closed" : failure.getMessage(), delay);
        vertx.setTimer(delay, ignored -> subscribe());
    }

    void received(String message) {
        JournalEntry entry;
        try {
            entry = journal.published(message);
        } catch (RuntimeException e) {
            Log.errorf("Ignored a message on %s that is no journal entry: %s", FrameJournal.CHANNEL, e.getMessage());
            return;
        }
        String creatorId = entry.creatorId();
        if (!hasSockets(creatorId)) {
            cursors.remove(creatorId);
            return;
        }
        Cursor cursor = cursors.computeIfAbsent(creatorId, id -> new Cursor());
        long gapFrom;
        synchronized (cursor) {
            if (cursor.filling) {
                cursor.waiting.add(entry);
                return;
            }
            if (cursor.delivered > 0 && entry.position() <= cursor.delivered) {
                if (entry.appendedAtMillis() <= cursor.deliveredAppendedAt) {
                    return; // a late copy of an entry delivered already
                }
                // A newer entry at a position already delivered: the creator's journal was lost (Redis came
                // back empty) and started again, before this replica subscribed again and noticed.
                journalRestarted(creatorId, cursor);
            }
            // Not after a gap: the next one, or the first seen here.
            if (entry.position() == cursor.delivered + 1 || (cursor.delivered == 0 && !cursor.restarted)) {
                deliver(cursor, entry);
                return;
            }
            cursor.filling = true;
            cursor.waiting.add(entry);
            gapFrom = cursor.delivered + 1;
        }
        fill(creatorId, cursor, gapFrom, entry.position() - 1);
    }

    /**
     * The creator's journal started again at position 1 while sockets here were following it. Their clients
     * remember a higher position and would take every new frame for one they already have (the overlay page
     * and the dashboard skip positions at or below the last one), so each socket is told as a joining one
     * would be: {@code replay_truncated} (what was journaled but not delivered before Redis lost it is gone),
     * then a {@code snapshot} at position 0, the new journal's state before its first entry (empty); the
     * new journal's frames follow from position 1. Called with the cursor's lock held.
     */
    private void journalRestarted(String creatorId, Cursor cursor) {
        writeUnwritten(cursor);
        long since = cursor.delivered;
        cursor.delivered = 0;
        cursor.deliveredAppendedAt = 0;
        cursor.restarted = true;
        Set<WebSocketConnection> sockets = new HashSet<>(rooms.members(Rooms.creator(creatorId)));
        sockets.addAll(rooms.members(Rooms.overlay(creatorId)));
        Log.infof("The journal of %s started again after position %d (Redis lost it): %d sockets here get a "
                + "snapshot at position 0", creatorId, since, sockets.size());
        String truncated = text(new ServerFrame("replay_truncated", new ReplayTruncated(since, 0)));
        String snapshot = text(new ServerFrame("snapshot", new Snapshot(null, null, List.of(), null), 0L));
        feeds.offerAll(sockets, 0, truncated);
        feeds.offerAll(sockets, 0, snapshot);
    }

    private String text(ServerFrame frame) {
        try {
            return json.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** After a new subscription: whatever was published while there was none. */
    private void catchUp(String creatorId) {
        Cursor cursor = cursors.get(creatorId);
        if (cursor == null) {
            return;
        }
        long delivered;
        long appendedAt;
        synchronized (cursor) {
            if (cursor.filling || cursor.delivered == 0) {
                return;
            }
            cursor.filling = true;
            delivered = cursor.delivered;
            appendedAt = cursor.deliveredAppendedAt;
        }
        // The last entry delivered is read again: if it is not there as it was, the journal was lost (Redis came
        // back empty) and started again, or was trimmed past it; either way everything it holds now is new.
        fill(creatorId, cursor, journal.since(creatorId, delivered - 1).chain(found -> {
            List<JournalEntry> entries = found.entries();
            boolean same = !entries.isEmpty() && entries.get(0).position() == delivered
                    && entries.get(0).appendedAtMillis() == appendedAt;
            return same ? Uni.createFrom().item(new Missed(false, entries.subList(1, entries.size())))
                    : journal.range(creatorId, 1, null).map(all -> new Missed(true, all));
        }));
    }

    private record Missed(boolean restarted, List<JournalEntry> entries) {
    }

    private void fill(String creatorId, Cursor cursor, long from, long to) {
        fill(creatorId, cursor, journal.range(creatorId, from, to).map(entries -> new Missed(false, entries)));
    }

    private void fill(String creatorId, Cursor cursor, Uni<Missed> reading) {
        reading.subscribe().with(missed -> {
            synchronized (cursor) {
                List<JournalEntry> entries = missed.entries();
                if (missed.restarted()) {
                    journalRestarted(creatorId, cursor);
                }
                if (!entries.isEmpty()) {
                    Log.infof("Delivering %d frames of %s missed on %s (%d..%d)", entries.size(), creatorId,
                            FrameJournal.CHANNEL, entries.get(0).position(), entries.get(entries.size() - 1).position());
                }
                entries.forEach(entry -> deliverIfNew(cursor, entry));
                drain(cursor);
            }
        }, failure -> {
            Log.warnf("Missed frames of %s could not be read from the journal: %s", creatorId, failure.getMessage());
            synchronized (cursor) {
                drain(cursor);
            }
        });
    }

    private void drain(Cursor cursor) {
        List<JournalEntry> waiting = cursor.waiting.stream().sorted(Comparator.comparingLong(JournalEntry::position)).toList();
        cursor.waiting.clear();
        cursor.filling = false;
        waiting.forEach(entry -> deliverIfNew(cursor, entry));
    }

    private void deliverIfNew(Cursor cursor, JournalEntry entry) {
        if (entry.position() > cursor.delivered) {
            deliver(cursor, entry);
        }
    }

    private void deliver(Cursor cursor, JournalEntry entry) {
        cursor.restarted = false;
        cursor.delivered = entry.position();
        cursor.deliveredAppendedAt = entry.appendedAtMillis();
        cursor.unwritten.add(entry);
        if (stateFrameHoldMillis > 0 && STATE_FRAMES.contains(entry.event())) {
            if (cursor.unwrittenTimer < 0) {
                cursor.unwrittenTimer = vertx.setTimer(stateFrameHoldMillis, timer -> {
                    synchronized (cursor) {
                        if (cursor.unwrittenTimer == timer) {
                            writeUnwritten(cursor);
                        }
                    }
                });
            }
            return;
        }
        writeUnwritten(cursor);
    }

    /** Writes what was delivered and held, in order; each socket gets its frames of these in one write. */
    private void writeUnwritten(Cursor cursor) {
        if (cursor.unwrittenTimer >= 0) {
            vertx.cancelTimer(cursor.unwrittenTimer);
            cursor.unwrittenTimer = -1;
        }
        if (cursor.unwritten.isEmpty()) {
            return;
        }
        List<ConnectionFeeds.Outgoing> frames = new ArrayList<>(2 * cursor.unwritten.size());
        for (JournalEntry entry : cursor.unwritten) {
            String creatorId = entry.creatorId();
            String creatorRoom = entry.creatorWide() ? Rooms.creator(creatorId) : Rooms.session(creatorId, entry.sessionId());
            addFrame(frames, creatorRoom, entry, false);
            if (!entry.creatorOnly()) {
                addFrame(frames, Rooms.overlay(creatorId), entry, true);
            }
        }
        cursor.unwritten.clear();
        if (!frames.isEmpty()) {
            feeds.offerAll(frames);
        }
    }

    private void addFrame(List<ConnectionFeeds.Outgoing> frames, String room, JournalEntry entry, boolean forOverlay) {
        Set<WebSocketConnection> members = rooms.members(room);
        if (!members.isEmpty()) {
            frames.add(new ConnectionFeeds.Outgoing(members, entry.position(), entry.frame(forOverlay, json)));
        }
    }

    private boolean hasSockets(String creatorId) {
        return !rooms.members(Rooms.creator(creatorId)).isEmpty() || !rooms.members(Rooms.overlay(creatorId)).isEmpty();
    }
}
