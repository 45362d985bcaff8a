package io.streamingcompanion.chatbot.tts;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.messaging.EventDispatcher;
import io.streamingcompanion.commons.messaging.EventRoutes;
import io.streamingcompanion.commons.messaging.HandlerScope;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.outbox.AppliedOnce;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Tips to read out. A consumer group of its own (not the chatbot's tip triggers), so a slow or failing
 * synthesis setup never holds up thank-you replies, and the other way round. The clip is recorded with the
 * event's dedupe row; synthesis starts once that transaction has committed.
 */
@ApplicationScoped
public class TipSpeechConsumer {

    private final EventDispatcher dispatcher;
    private final EventRoutes routes;

    public TipSpeechConsumer(EventDispatcher dispatcher, AppliedOnce appliedOnce, SpeechService speech, SpeechWork work) {
        this.dispatcher = dispatcher;
        HandlerScope readTips = appliedOnce.when(envelope -> speech.readsTipsOf(envelope.creatorId()));
        this.routes = EventRoutes.forConsumer("chatbot-tts-service.tts",
                        (consumer, envelope, handler) -> readTips.run(consumer, envelope, handler).invoke(work::kick))
                .on(EventTypes.TIP_RECEIVED, (envelope, tip) -> speech.tipReceived(tip).replaceWithVoid())
                .build();
    }

    @Incoming("tts-tip-events")
    public Uni<Void> tips(ConsumerRecord<String, String> record) {
        return dispatcher.dispatch(routes, record);
    }
}
