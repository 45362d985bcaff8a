package io.streamingcompanion.commons.messaging;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.streamingcompanion.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Parks records a consumer cannot apply on {@link Topics#DEAD_LETTERS}, unchanged (same key, value and
 * headers) plus headers saying who gave up on it, why, and where it came from, so that an operator can
 * inspect it and publish it again to its original topic once the cause is fixed.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String CONSUMER = "dead-letter-consumer";
    public static final String REASON = "dead-letter-reason";
    public static final String CAUSE = "dead-letter-cause";
    public static final String ORIGINAL_TOPIC = "dead-letter-topic";
    public static final String ORIGINAL_PARTITION = "dead-letter-partition";
    public static final String ORIGINAL_OFFSET = "dead-letter-offset";

    private static final int MAX_CAUSE_LENGTH = 500;

    private final MutinyEmitter<String> emitter;

    public DeadLetters(@Channel("dead-letters") MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /**
     * Completes once Kafka has the dead letter, or after giving up on Kafka: the dispatcher then moves on
     * either way, because one unpublishable record must not stop the consumer (the log line names it).
     */
    public Uni<Void> park(String consumer, ConsumerRecord<String, String> record, DeadLetterReason reason, String cause) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        put(headers, CONSUMER, consumer);
        put(headers, REASON, reason.wireName());
        put(headers, CAUSE, cause == null ? "" : cause.length() > MAX_CAUSE_LENGTH ? cause.substring(0, MAX_CAUSE_LENGTH) : cause);
        put(headers, ORIGINAL_TOPIC, record.topic());
        put(headers, ORIGINAL_PARTITION, Integer.toString(record.partition()));
        put(headers, ORIGINAL_OFFSET, Long.toString(record.offset()));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(Topics.DEAD_LETTERS)
                .withKey(record.key())
                .withHeaders(headers)
                .build();
        String value = record.value() == null ? "" : record.value();
        return emitter.sendMessage(Message.of(value).addMetadata(metadata))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(5)).atMost(5)
                .onFailure().recoverWithItem(failure -> {
                    Log.errorf("Dead letter of %s for %s-%d@%d could not be published, it stays only at its source: %s",
                            consumer, record.topic(), record.partition(), record.offset(), failure.getMessage());
                    return null;
                });
    }

    private static void put(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
