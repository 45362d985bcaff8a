package io.streamingcompanion.gateway.journal;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.messaging.EventDispatcher;
import io.streamingcompanion.commons.messaging.EventRoutes;
import io.streamingcompanion.commons.messaging.HandlerScope;
import io.streamingcompanion.commons.messaging.KeyedPipeline;
import io.streamingcompanion.gateway.config.GatewayConfig;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.streamingcompanion.contracts.EventEnvelope;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.gateway.mapping.FrameMapper;
import io.streamingcompanion.gateway.service.SessionAccessService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Turns domain events into journal entries, once per event for all replicas: the channel
 * {@code journal-events} uses one consumer group shared by every replica, starting at the earliest offset
 * and committing, so a restart (even of every replica at once) resumes where it stopped and nothing
 * published meanwhile is skipped. The append is idempotent on the event id, hence {@link HandlerScope#DIRECT}.
 *
 * <p>Appends overlap ({@link KeyedPipeline}, up to {@code gateway.journal.appends-in-flight}): one append at a time per
 * partition meant one Redis round trip per event, and under fan-out a round trip waits behind socket writes on the
 * event loops, so at a few hundred events per second the journal fell seconds behind with the CPU to spare.
 *
 * <p>Session-scoped frames belong to the session named by the envelope key under the envelope's creator
 * (see {@code Rooms.session}); the menu is creator-wide.
 */
@ApplicationScoped
public class JournalWriter {

    private final FrameJournal journal;
    private final SessionAccessService access;
    private final EventDispatcher dispatcher;
    private final MeterRegistry metrics;
    private final EventRoutes routes;
    private final KeyedPipeline pipeline;

    public JournalWriter(FrameJournal journal, SessionAccessService access, EventDispatcher dispatcher,
                         MeterRegistry metrics, GatewayConfig config) {
        this.journal = journal;
        this.access = access;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.routes = routes();
        this.pipeline = new KeyedPipeline(config.journal().appendsInFlight());
    }

    /**
     * Hands the record to the pipeline and asks for the next one as soon as there is room: records of one key
     * (a session, or a creator for creator-wide events) are appended in order, others meanwhile. The offset
     * moves on once the record is appended (or parked): the commit strategy commits only up to the oldest record
     * not yet acknowledged.
     */
    @Incoming("journal-events")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> consume(Message<String> message) {
        ConsumerRecord<String, String> record = recordOf(message);
        pipeline.submit(record.key(), () -> dispatcher.dispatch(routes, record).subscribeAsCompletionStage())
                .whenComplete((ignored, failure) -> {
                    if (failure == null) {
                        message.ack();
                    } else {
                        message.nack(failure);
                    }
                });
        return pipeline.room();
    }

    @SuppressWarnings("unchecked")
    private static ConsumerRecord<String, String> recordOf(Message<String> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(metadata -> (ConsumerRecord<String, String>) metadata.getRecord())
                .orElseThrow(() -> new IllegalStateException("journal-events delivered a message without its Kafka record"));
    }

    private EventRoutes routes() {
        // Redis away means no alert reaches anyone anyway; a parked alert would be lost for good, so wait
        // longer (60 retries, up to 10 s apart: about ten minutes) before giving up on one.
        return EventRoutes.forConsumer("realtime-gateway.journal", HandlerScope.DIRECT)
                .retryAttempts(60)
                .on(EventTypes.SESSION_STARTED, (envelope, started) -> access.rememberOwner(envelope.key(), envelope.creatorId()))
                .on(EventTypes.SESSION_UPDATED, (envelope, session) ->
                        toSession(envelope, "session_updated", FrameMapper.sessionUpdated(session, false),
                                FrameMapper.sessionUpdated(session, true), StateChange.SESSION, null)
                                .chain(() -> access.rememberOwner(envelope.key(), envelope.creatorId())))
                .on(EventTypes.SESSION_ENDED, (envelope, ended) -> {
                    Map<String, Object> data = FrameMapper.sessionEnded(ended);
                    return toSession(envelope, "session_updated", data, data, StateChange.SESSION_ENDED, null);
                })
                .on(EventTypes.TIP_RECEIVED, (envelope, tip) -> {
                    Map<String, Object> data = FrameMapper.tipReceived(tip);
                    return toSession(envelope, "tip_received", data, data, StateChange.NONE, null);
                })
                .on(EventTypes.GOAL_PROGRESS, (envelope, goal) -> {
                    Map<String, Object> data = FrameMapper.goalProgress(goal);
                    return toSession(envelope, "goal_progress", data, data,
                            goal.removed() ? StateChange.GOAL_REMOVED : StateChange.GOAL, String.valueOf(goal.goalId()));
                })
                .on(EventTypes.GOAL_COMPLETED, (envelope, goal) -> {
                    Map<String, Object> data = FrameMapper.goalCompleted(goal);
                    return toSession(envelope, "goal_completed", data, data, StateChange.NONE, null);
                })
                .on(EventTypes.CHATBOT_RESPONDED, (envelope, reply) -> {
                    Map<String, Object> data = FrameMapper.chatbotResponse(reply);
                    return toSession(envelope, "chatbot_response", data, data, StateChange.NONE, null);
                })
                .on(EventTypes.ANIMATION_TRIGGERED, (envelope, animation) -> {
                    Map<String, Object> data = FrameMapper.animationTrigger(animation);
                    return toSession(envelope, "animation_trigger", data, data, StateChange.NONE, null);
                })
                .on(EventTypes.MENU_UPDATED, (envelope, menu) ->
                        append(envelope, menu.creatorId(), null, "menu_updated", FrameMapper.menuUpdated(menu, false),
                                FrameMapper.menuUpdated(menu, true), StateChange.MENU, null))
                // The creator's platform connection (tip-service): her dashboard sockets only, never the overlay.
                .on(EventTypes.CONNECTOR_STATUS_CHANGED, (envelope, change) ->
                        append(envelope, change.creatorId(), null, "connector_status", change, null, StateChange.NONE, null))
                .build();
    }

    private Uni<Void> toSession(EventEnvelope envelope, String event, Object creatorData, Object overlayData,
                                StateChange change, String goalId) {
        if (envelope.creatorId() == null || envelope.key() == null) {
            return Uni.createFrom().voidItem();
        }
        return append(envelope, envelope.creatorId(), envelope.key(), event, creatorData, overlayData, change, goalId);
    }

    private Uni<Void> append(EventEnvelope envelope, String creatorId, String sessionId, String event,
                             Object creatorData, Object overlayData, StateChange change, String goalId) {
        if (creatorId == null) {
            return Uni.createFrom().voidItem();
        }
        return journal.append(envelope.id(), creatorId, sessionId, event, creatorData, overlayData, change, goalId)
                .invoke(position -> metrics.counter(position > 0 ? "gateway.journal.appends" : "gateway.journal.duplicates",
                        "event", event).increment())
                .replaceWithVoid();
    }
}
