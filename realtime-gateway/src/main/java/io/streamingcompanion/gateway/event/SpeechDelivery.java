package io.streamingcompanion.gateway.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.messaging.EventDispatcher;
import io.streamingcompanion.commons.messaging.EventRoutes;
import io.streamingcompanion.commons.messaging.HandlerScope;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.gateway.room.RoomRegistry;
import io.streamingcompanion.gateway.room.Rooms;
import io.streamingcompanion.gateway.socket.Frames;
import io.streamingcompanion.gateway.socket.Frames.ChatParticipantAudio;
import io.streamingcompanion.gateway.socket.Frames.ServerFrame;
import io.streamingcompanion.gateway.socket.Frames.TtsSkippedFrame;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Text-to-speech clips and skips, live only: every replica reads {@code streaming.tts} itself (a consumer group
 * per replica, from the live end) and writes to its own sockets of the session and the creator's overlays.
 * Unlike alerts they are not journaled: a clip is some 50 KB that would crowd the Redis journal, and a clip
 * missed while a socket was away is stale by the time it is back, so nothing replays it (the alert replays).
 */
@ApplicationScoped
public class SpeechDelivery {

    private final RoomRegistry rooms;
    private final ObjectMapper json;
    private final EventDispatcher dispatcher;
    private final EventRoutes routes;

    public SpeechDelivery(RoomRegistry rooms, ObjectMapper json, EventDispatcher dispatcher) {
        this.rooms = rooms;
        this.json = json;
        this.dispatcher = dispatcher;
        this.routes = EventRoutes.forConsumer("realtime-gateway.tts", HandlerScope.DIRECT)
                .on(EventTypes.TTS_SYNTHESIZED, (envelope, clip) -> deliver(clip.creatorId(), clip.sessionId().toString(),
                        new ServerFrame("chat_participant_audio", new ChatParticipantAudio(clip.sessionId().toString(),
                                clip.tipId().toString(), clip.audioBase64(), clip.format(), clip.durationMs(), clip.voice(),
                                clip.text(), clip.test()))))
                .on(EventTypes.TTS_SKIPPED, (envelope, skipped) -> deliver(skipped.creatorId(), skipped.sessionId().toString(),
                        new ServerFrame("tts_skipped", new TtsSkippedFrame(skipped.sessionId().toString()))))
                .build();
    }

    @Incoming("tts-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return dispatcher.dispatch(routes, record);
    }

    private Uni<Void> deliver(String creatorId, String sessionId, ServerFrame frame) {
        Set<WebSocketConnection> dashboards = rooms.members(Rooms.session(creatorId, sessionId));
        Set<WebSocketConnection> overlays = rooms.members(Rooms.overlay(creatorId));
        if (dashboards.isEmpty() && overlays.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String text;
        try {
            text = json.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        dashboards.forEach(connection -> write(connection, text));
        overlays.forEach(connection -> write(connection, text));
        return Uni.createFrom().voidItem();
    }

    private static void write(WebSocketConnection connection, String text) {
        if (connection.isOpen()) {
            connection.sendText(text).subscribe().with(ignored -> { },
                    failure -> Log.debugf("Dropped a speech frame to closing socket %s: %s", connection.id(), failure.getMessage()));
        }
    }
}
