package io.streamingcompanion.gateway.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.messaging.EventDispatcher;
import io.streamingcompanion.commons.messaging.EventRoutes;
import io.streamingcompanion.commons.messaging.HandlerScope;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.gateway.overlay.OverlayConnections;
import io.streamingcompanion.gateway.overlay.OverlayKeyDirectory;
import io.streamingcompanion.gateway.room.RoomRegistry;
import io.streamingcompanion.gateway.socket.Frames;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Overlay key rotations, which every replica must apply itself: it closes the overlays the old key let in
 * among its own sockets and forgets the old key in its in-process cache. Hence a consumer group per
 * replica (channel {@code overlay-key-events}); frames take the shared journal instead ({@code JournalWriter}).
 */
@ApplicationScoped
public class OverlayKeyRotations {

    private final RoomRegistry rooms;
    private final OverlayKeyDirectory overlayKeys;
    private final OverlayConnections overlays;
    private final ObjectMapper json;
    private final EventDispatcher dispatcher;
    private final EventRoutes routes;

    public OverlayKeyRotations(RoomRegistry rooms, OverlayKeyDirectory overlayKeys, OverlayConnections overlays,
                               ObjectMapper json, EventDispatcher dispatcher) {
        this.rooms = rooms;
        this.overlayKeys = overlayKeys;
        this.overlays = overlays;
        this.json = json;
        this.dispatcher = dispatcher;
        this.routes = EventRoutes.forConsumer("realtime-gateway.overlay-keys", HandlerScope.DIRECT)
                .on(EventTypes.OVERLAY_KEY_CHANGED, (envelope, changed) -> {
                    if (changed.previousKeyHash() != null) {
                        revoke(changed.previousKeyHash());
                    }
                    return overlayKeys.changed(changed.creatorId(), changed.keyHash(), changed.previousKeyHash());
                })
                .build();
    }

    @Incoming("overlay-key-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return dispatcher.dispatch(routes, record);
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
