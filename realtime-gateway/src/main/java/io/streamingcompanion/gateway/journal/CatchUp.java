package io.streamingcompanion.gateway.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.gateway.config.GatewayConfig;
import io.streamingcompanion.gateway.socket.Frames;
import io.streamingcompanion.gateway.socket.Frames.ReplayTruncated;
import io.streamingcompanion.gateway.socket.Frames.ServerFrame;
import io.streamingcompanion.gateway.socket.Frames.Snapshot;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What a socket is sent when it joins: the frames it missed (it names the last position it saw,
 * {@code since}), or else a snapshot of the current state. Live frames for the socket are held back until
 * this is written ({@link ConnectionFeeds}), so the socket gets each position once and in order.
 */
@ApplicationScoped
public class CatchUp {

    /** Positions beyond this cannot be exact in a Lua number; no real journal gets there. */
    private static final long MAX_POSITION = 1L << 52;

    private final FrameJournal journal;
    private final ConnectionFeeds feeds;
    private final GatewayConfig.Journal config;
    private final MeterRegistry metrics;
    private final ObjectMapper json;

    public CatchUp(FrameJournal journal, ConnectionFeeds feeds, GatewayConfig config, MeterRegistry metrics,
                   ObjectMapper json) {
        this.journal = journal;
        this.feeds = feeds;
        this.config = config.journal();
        this.metrics = metrics;
        this.json = json;
    }

    /**
     * Who is catching up: whose journal, which entries it may see, which of those it was following before
     * this join (those up to {@code sentBefore} it already has), and which session its snapshot shows (null:
     * the creator's active one).
     */
    public record Reader(String creatorId, boolean overlay, String snapshotSessionId,
                         Predicate<JournalEntry> visible, Predicate<JournalEntry> followedBefore, long sentBefore) {
    }

    /**
     * Sends the catch-up and releases the live frames held since {@link ConnectionFeeds#hold}. Never fails:
     * without Redis the socket simply goes on with live frames.
     */
    public Uni<Void> run(WebSocketConnection connection, Reader reader, Long since) {
        String socket = reader.overlay() ? "overlay" : "dashboard";
        Uni<Written> written;
        if (since == null) {
            written = snapshot(reader, List.of());
        } else if (since < 0 || since > MAX_POSITION) {
            written = truncated(reader, since, socket);
        } else {
            written = journal.since(reader.creatorId(), since).chain(found -> {
                if (isTruncated(found, since)) {
                    return truncated(reader, since, socket);
                }
                metrics.counter("gateway.replays.served", "socket", socket).increment();
                List<String> frames = new ArrayList<>();
                for (JournalEntry entry : found.entries()) {
                    boolean alreadySent = reader.followedBefore().test(entry) && entry.position() <= reader.sentBefore();
                    if (reader.visible().test(entry) && !alreadySent && !(reader.overlay() && entry.creatorOnly())) {
                        frames.add(entry.frame(reader.overlay(), json));
                    }
                }
                return Uni.createFrom().item(new Written(frames, found.head()));
            });
        }
        return written.onFailure().recoverWithItem(failure -> {
            Log.warnf("Catch-up of %s for %s failed, live frames only: %s", socket, reader.creatorId(), failure.getMessage());
            return new Written(List.of(text(Frames.error("replay_unavailable",
                    "Missed frames could not be read; state will follow with the next events", null))), 0);
        }).invoke(done -> feeds.release(connection, done.frames(), done.coveredUpTo())).replaceWithVoid();
    }

    /** Too old to replay: the position is gone from the buffer, past the age limit, or ahead of the journal. */
    private boolean isTruncated(FrameJournal.Since found, long since) {
        if (since > found.head()) {
            return true; // the journal was lost (Redis emptied, or the creator idle past its TTL) and started again
        }
        if (since == found.head()) {
            return false;
        }
        List<JournalEntry> entries = found.entries();
        if (entries.isEmpty() || entries.get(0).position() != since + 1) {
            return true;
        }
        return entries.get(0).appendedAtMillis() < System.currentTimeMillis() - config.maxAge().toMillis();
    }

    private Uni<Written> truncated(Reader reader, long since, String socket) {
        metrics.counter("gateway.replays.truncated", "socket", socket).increment();
        return journal.state(reader.creatorId(), reader.snapshotSessionId()).map(state ->
                written(reader, state, List.of(text(new ServerFrame("replay_truncated",
                        new ReplayTruncated(since, state.head()))))));
    }

    private Uni<Written> snapshot(Reader reader, List<String> before) {
        return journal.state(reader.creatorId(), reader.snapshotSessionId()).map(state -> written(reader, state, before));
    }

    private Written written(Reader reader, FrameJournal.State state, List<String> before) {
        boolean overlay = reader.overlay();
        List<RawValue> goals = new ArrayList<>();
        for (Map.Entry<String, String> field : state.sessionFields().entrySet()) {
            if (field.getKey().startsWith("goal:")) {
                goals.add(new RawValue(field.getValue()));
            }
        }
        String session = state.sessionFields().get(overlay ? "session-overlay" : "session");
        String menu = overlay ? state.overlayMenu() : state.menu();
        Snapshot snapshot = new Snapshot(state.sessionId(), session == null ? null : new RawValue(session), goals,
                menu == null ? null : new RawValue(menu));
        List<String> frames = new ArrayList<>(before);
        frames.add(text(new ServerFrame("snapshot", snapshot, state.head())));
        return new Written(frames, state.head());
    }

    private String text(ServerFrame frame) {
        try {
            return json.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Written(List<String> frames, long coveredUpTo) {
    }
}
