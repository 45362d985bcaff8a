package io.streamingcompanion.gateway.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.messaging.EventDispatcher;
import io.streamingcompanion.commons.messaging.EventRoutes;
import io.streamingcompanion.commons.messaging.HandlerScope;
import io.streamingcompanion.contracts.EventEnvelope;
import io.streamingcompanion.contracts.EventTypes;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
    private final EventDispatcher dispatcher;
    private final EventRoutes routes;

    public DomainEventFanout(RoomRegistry rooms, SessionAccessService access, OverlayKeyDirectory overlayKeys,
                             OverlayConnections overlays, ObjectMapper json, EventDispatcher dispatcher) {
        this.dispatcher = dispatcher;
        this.rooms = rooms;
        this.access = access;
        this.overlayKeys = overlayKeys;
        this.overlays = overlays;
        this.json = json;
        this.routes = routes();
    }

    @Incoming("domain-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return dispatcher.dispatch(routes, record);
    }

    private EventRoutes routes() {
        return EventRoutes.forConsumer("realtime-gateway.fanout", HandlerScope.DIRECT)
                .on(EventTypes.SESSION_STARTED, (envelope, started) -> access.rememberOwner(envelope.key(), envelope.creatorId()))
                .on(EventTypes.SESSION_UPDATED, (envelope, session) -> {
                    toSession("session_updated", envelope, FrameMapper.sessionUpdated(session, false),
                            FrameMapper.sessionUpdated(session, true));
                    return access.rememberOwner(envelope.key(), envelope.creatorId());
                })
                .on(EventTypes.SESSION_ENDED, (envelope, ended) ->
                        toSession("session_updated", envelope, FrameMapper.sessionEnded(ended)))
                .on(EventTypes.TIP_RECEIVED, (envelope, tip) ->
                        toSession("tip_received", envelope, FrameMapper.tipReceived(tip)))
                .on(EventTypes.GOAL_PROGRESS, (envelope, goal) ->
                        toSession("goal_progress", envelope, FrameMapper.goalProgress(goal)))
                .on(EventTypes.GOAL_COMPLETED, (envelope, goal) ->
                        toSession("goal_completed", envelope, FrameMapper.goalCompleted(goal)))
                .on(EventTypes.ANIMATION_TRIGGERED, (envelope, animation) ->
                        toSession("animation_trigger", envelope, FrameMapper.animationTrigger(animation)))
                .on(EventTypes.MENU_UPDATED, (envelope, menu) -> {
                    broadcast(Rooms.creator(menu.creatorId()), "menu_updated", FrameMapper.menuUpdated(menu, false));
                    broadcast(Rooms.overlay(menu.creatorId()), "menu_updated", FrameMapper.menuUpdated(menu, true));
                    return Uni.createFrom().voidItem();
                })
                .on(EventTypes.OVERLAY_KEY_CHANGED, (envelope, changed) -> {
                    if (changed.previousKeyHash() != null) {
                        revoke(changed.previousKeyHash());
                    }
                    return overlayKeys.changed(changed.creatorId(), changed.keyHash(), changed.previousKeyHash());
                })
                .build();
    }

    private Uni<Void> toSession(String event, EventEnvelope envelope, Map<String, Object> data) {
        toSession(event, envelope, data, data);
        return Uni.createFrom().voidItem();
    }

    private void toSession(String event, EventEnvelope envelope, Map<String, Object> creatorData,
                           Map<String, Object> overlayData) {
        String creatorId = envelope.creatorId();
        String sessionId = envelope.key();
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
