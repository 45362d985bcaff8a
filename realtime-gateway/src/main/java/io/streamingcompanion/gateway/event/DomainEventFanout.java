package io.streamingcompanion.gateway.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.messaging.IncomingEvents;
import io.streamingcompanion.contracts.EventEnvelope;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.menu.MenuUpdated;
import io.streamingcompanion.contracts.overlay.OverlayKeyChanged;
import io.streamingcompanion.contracts.session.SessionUpdated;
import io.streamingcompanion.gateway.mapping.FrameMapper;
import io.streamingcompanion.gateway.overlay.OverlayConnections;
import io.streamingcompanion.gateway.overlay.OverlayKeyDirectory;
import io.streamingcompanion.gateway.room.RoomRegistry;
import io.streamingcompanion.gateway.room.Rooms;
import io.streamingcompanion.gateway.service.SessionAccessService;
import io.streamingcompanion.gateway.socket.Frames;
import io.streamingcompanion.gateway.socket.Frames.ServerFrame;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Turns domain events into frames for this replica's sockets: session-scoped events to the sockets that
 * joined the session and to the creator's overlays, creator-wide events (the menu) to all of the creator's
 * sockets. Every replica has its own consumer group, so every replica sees every event.
 */
@ApplicationScoped
public class DomainEventFanout {

    private final RoomRegistry rooms;
    private final SessionAccessService access;
    private final OverlayKeyDirectory overlayKeys;
    private final OverlayConnections overlays;
    private final ObjectMapper json;

    public DomainEventFanout(RoomRegistry rooms, SessionAccessService access, OverlayKeyDirectory overlayKeys,
                             OverlayConnections overlays, ObjectMapper json) {
        this.rooms = rooms;
        this.access = access;
        this.overlayKeys = overlayKeys;
        this.overlays = overlays;
        this.json = json;
    }

    @Incoming("domain-events")
    public Uni<Void> consume(String record) {
        EventEnvelope envelope = IncomingEvents.read(record, "domain-events").orElse(null);
        if (envelope == null) {
            return Uni.createFrom().voidItem();
        }
        try {
            return handle(envelope)
                    .onFailure().invoke(failure -> Log.warnf("Event %s (%s) not fully handled: %s",
                            envelope.id(), envelope.type(), failure.getMessage()))
                    .onFailure().recoverWithNull().replaceWithVoid();
        } catch (RuntimeException e) {
            // One malformed event must never stop the channel: every replica would stop with it.
            Log.warnf("Event %s (%s) could not be forwarded: %s", envelope.id(), envelope.type(), e.getMessage());
            return Uni.createFrom().voidItem();
        }
    }

    private Uni<Void> handle(EventEnvelope envelope) {
        String creatorId = envelope.creatorId();
        switch (envelope.type()) {
            case "streaming.session.started" -> {
                return access.rememberOwner(envelope.key(), creatorId);
            }
            case "streaming.session.updated" -> {
                SessionUpdated session = EventJson.payload(envelope, EventTypes.SESSION_UPDATED);
                toSession("session_updated", envelope.key(), creatorId, FrameMapper.sessionUpdated(session, false),
                        FrameMapper.sessionUpdated(session, true));
                return access.rememberOwner(envelope.key(), creatorId);
            }
            case "streaming.session.ended" -> {
                Map<String, Object> data = FrameMapper.sessionEnded(EventJson.payload(envelope, EventTypes.SESSION_ENDED));
                toSession("session_updated", envelope.key(), creatorId, data, data);
            }
            case "streaming.tip.received" -> {
                Map<String, Object> data = FrameMapper.tipReceived(EventJson.payload(envelope, EventTypes.TIP_RECEIVED));
                toSession("tip_received", envelope.key(), creatorId, data, data);
            }
            case "streaming.goal.progress" -> {
                Map<String, Object> data = FrameMapper.goalProgress(EventJson.payload(envelope, EventTypes.GOAL_PROGRESS));
                toSession("goal_progress", envelope.key(), creatorId, data, data);
            }
            case "streaming.goal.completed" -> {
                Map<String, Object> data = FrameMapper.goalCompleted(EventJson.payload(envelope, EventTypes.GOAL_COMPLETED));
                toSession("goal_completed", envelope.key(), creatorId, data, data);
            }
            case "streaming.animation.triggered" -> {
                Map<String, Object> data = FrameMapper.animationTrigger(EventJson.payload(envelope, EventTypes.ANIMATION_TRIGGERED));
                toSession("animation_trigger", envelope.key(), creatorId, data, data);
            }
            case "streaming.menu.updated" -> {
                MenuUpdated menu = EventJson.payload(envelope, EventTypes.MENU_UPDATED);
                broadcast(Rooms.creator(menu.creatorId()), "menu_updated", FrameMapper.menuUpdated(menu, false));
                broadcast(Rooms.overlay(menu.creatorId()), "menu_updated", FrameMapper.menuUpdated(menu, true));
            }
            case "streaming.overlay.key-changed" -> {
                OverlayKeyChanged changed = EventJson.payload(envelope, EventTypes.OVERLAY_KEY_CHANGED);
                if (changed.previousKeyHash() != null) {
                    revoke(changed.previousKeyHash());
                }
                return overlayKeys.changed(changed.creatorId(), changed.keyHash(), changed.previousKeyHash());
            }
            default -> {
                // Events no socket shows: nothing to forward.
            }
        }
        return Uni.createFrom().voidItem();
    }

    private void toSession(String event, String sessionId, String creatorId, Map<String, Object> creatorData,
                           Map<String, Object> overlayData) {
        if (creatorId == null || sessionId == null) {
            return;
        }
        broadcast(Rooms.session(creatorId, sessionId), event, creatorData);
        broadcast(Rooms.overlay(creatorId), event, overlayData);
    }

    private void broadcast(String room, String event, Map<String, Object> data) {
        try {
            rooms.broadcast(room, json.writeValueAsString(new ServerFrame(event, data)));
        } catch (JsonProcessingException e) {
            Log.errorf(e, "%s for %s could not be written", event, room);
        }
    }

    /** A rotated-away key stops working at once: its open overlays are told why and closed. */
    private void revoke(String keyHash) {
        String frame;
        try {
            frame = json.writeValueAsString(Frames.error("overlay_key_revoked", "This overlay key was rotated", null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        for (WebSocketConnection connection : overlays.revoke(keyHash)) {
            rooms.leaveAll(connection);
            connection.sendText(frame).onItemOrFailure().transformToUni((ignored, failure) -> connection.close())
                    .subscribe().with(ignored -> { }, failure -> { });
        }
    }
}
