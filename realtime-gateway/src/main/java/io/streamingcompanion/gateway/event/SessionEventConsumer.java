package io.streamingcompanion.gateway.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.contracts.EventEnvelope;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.session.SessionEnded;
import io.streamingcompanion.contracts.session.SessionUpdated;
import io.streamingcompanion.gateway.room.RoomRegistry;
import io.streamingcompanion.gateway.service.SessionAccessService;
import io.streamingcompanion.gateway.socket.Frames.ServerFrame;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Turns session events into {@code session_updated} frames for the sockets of this replica that follow
 * the session. Every replica has its own consumer group, so every replica sees every event.
 */
@ApplicationScoped
public class SessionEventConsumer {

    private final RoomRegistry rooms;
    private final SessionAccessService access;
    private final ObjectMapper json;

    public SessionEventConsumer(RoomRegistry rooms, SessionAccessService access, ObjectMapper json) {
        this.rooms = rooms;
        this.access = access;
        this.json = json;
    }

    @Incoming("session-events")
    public Uni<Void> consume(String record) {
        EventEnvelope envelope;
        try {
            envelope = EventJson.read(record);
        } catch (IllegalArgumentException e) {
            Log.warnf("Skipping a record on the sessions topic that is not an event: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        Uni<Void> remembered = envelope.creatorId() == null || envelope.key() == null
                ? Uni.createFrom().voidItem()
                : access.rememberOwner(envelope.key(), envelope.creatorId());
        // A Redis hiccup must not cost the sockets their update: forward either way.
        return remembered
                .onFailure().invoke(failure -> Log.warnf("Owner of session %s not cached: %s", envelope.key(), failure.getMessage()))
                .onFailure().recoverWithNull()
                .invoke(() -> forwardSafely(envelope))
                .replaceWithVoid();
    }

    /** One malformed event must never stop the channel: every replica would stop with it. */
    private void forwardSafely(EventEnvelope envelope) {
        try {
            forward(envelope);
        } catch (RuntimeException e) {
            Log.warnf("Session event %s (%s) could not be forwarded: %s", envelope.id(), envelope.type(), e.getMessage());
        }
    }

    private void forward(EventEnvelope envelope) {
        Map<String, Object> data = switch (envelope.type()) {
            case "streaming.session.updated" -> updatedData(EventJson.payload(envelope, EventTypes.SESSION_UPDATED));
            case "streaming.session.ended" -> endedData(EventJson.payload(envelope, EventTypes.SESSION_ENDED));
            default -> null;
        };
        if (data == null) {
            return;
        }
        try {
            rooms.broadcast(envelope.key(), json.writeValueAsString(new ServerFrame("session_updated", data)));
        } catch (JsonProcessingException e) {
            Log.errorf(e, "session_updated for %s could not be written", envelope.key());
        }
    }

    private static Map<String, Object> updatedData(SessionUpdated session) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sessionId", session.sessionId());
        data.put("status", session.status());
        data.put("platform", session.platform());
        data.put("title", session.title());
        data.put("notes", session.notes());
        data.put("metadata", session.metadata());
        data.put("totalTipsCents", session.totalTipsCents());
        data.put("tipCount", session.tipCount());
        data.put("currentViewers", session.currentViewers());
        data.put("peakViewers", session.peakViewers());
        data.put("startedAt", session.startedAt());
        data.put("endedAt", session.endedAt());
        return data;
    }

    private static Map<String, Object> endedData(SessionEnded session) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sessionId", session.sessionId());
        data.put("status", "ended");
        data.put("platform", session.platform());
        data.put("totalTipsCents", session.totalTipsCents());
        data.put("tipCount", session.tipCount());
        data.put("currentViewers", 0);
        data.put("peakViewers", session.peakViewers());
        data.put("startedAt", session.startedAt());
        data.put("endedAt", session.endedAt());
        data.put("durationSeconds", session.durationSeconds());
        return data;
    }
}
