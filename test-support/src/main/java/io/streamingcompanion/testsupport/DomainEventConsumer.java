package io.streamingcompanion.testsupport;

import io.streamingcompanion.contracts.EventEnvelope;
import io.streamingcompanion.contracts.EventJson;
import io.streamingcompanion.contracts.EventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Reads a topic from its beginning, as a new consumer group would, and waits for matching events. */
public final class DomainEventConsumer implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    public DomainEventConsumer(String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.endpoints().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        consumer.subscribe(List.of(topic));
    }

    /** Every record with that key seen within the timeout (polling until it ends), whatever its type. */
    public List<ConsumerRecord<String, String>> recordsFor(String key, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            pollOnce();
        }
        return seen.stream().filter(record -> key.equals(record.key())).toList();
    }

    /** Waits for the first event of that type with that record key; fails the test if none comes. */
    public <P> Received<P> await(EventType<P> type, String key, Duration within) {
        return await(type, key, payload -> true, within);
    }

    public <P> Received<P> await(EventType<P> type, String key, Predicate<P> matches, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        int checked = 0;
        while (true) {
            for (; checked < seen.size(); checked++) {
                ConsumerRecord<String, String> record = seen.get(checked);
                if (!key.equals(record.key())) {
                    continue;
                }
                EventEnvelope envelope = EventJson.read(record.value());
                if (type.name().equals(envelope.type())) {
                    P payload = EventJson.payload(envelope, type);
                    if (matches.test(payload)) {
                        return new Received<>(envelope, payload, record);
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No " + type.name() + " for key " + key + " within " + within
                        + "; saw " + seen.size() + " records");
            }
            pollOnce();
        }
    }

    private void pollOnce() {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }

    /** Waits for the first record (of any key) that matches; fails the test if none comes. */
    public ConsumerRecord<String, String> awaitRecord(Predicate<ConsumerRecord<String, String>> matches, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        int checked = 0;
        while (true) {
            for (; checked < seen.size(); checked++) {
                if (matches.test(seen.get(checked))) {
                    return seen.get(checked);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No matching record within " + within + "; saw " + seen.size() + " records");
            }
            pollOnce();
        }
    }

    /** Publishes an envelope as a producing service would, for consumers under test. */
    public static void publish(String topic, EventEnvelope envelope) {
        publishRaw(topic, envelope.key(), EventJson.write(envelope));
    }

    /** Publishes any value, an invalid one included, to see what a consumer makes of it. */
    public static void publishRaw(String topic, String key, String value) {
        try {
            Producer.INSTANCE.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + topic, e);
        }
    }

    /** One producer for the test JVM, made on first use and closed when the JVM exits. */
    private static final class Producer {

        static final KafkaProducer<String, String> INSTANCE = create();

        private static KafkaProducer<String, String> create() {
            KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.endpoints().kafkaBootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.LINGER_MS_CONFIG, 0));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> producer.close(Duration.ofSeconds(2))));
            return producer;
        }
    }

    @Override
    public void close() {
        consumer.close();
    }

    public record Received<P>(EventEnvelope envelope, P payload, ConsumerRecord<String, String> record) {
    }
}
