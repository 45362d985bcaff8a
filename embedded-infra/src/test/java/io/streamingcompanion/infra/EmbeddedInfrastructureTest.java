package io.streamingcompanion.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcompanion.contracts.Topics;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedInfrastructureTest {

    static EmbeddedInfrastructure infra;

    @BeforeAll
    static void start() {
        infra = EmbeddedInfrastructure.start(EmbeddedInfrastructure.Options.ephemeral());
    }

    @AfterAll
    static void stop() {
        infra.close();
    }

    @Test
    void postgresAnswersQueriesInTheSuiteDatabase() throws Exception {
        var endpoints = infra.endpoints();
        try (Connection connection = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.dbUser(), endpoints.dbPassword());
             ResultSet result = connection.createStatement().executeQuery("SELECT current_database(), 40 + 2")) {
            assertTrue(result.next());
            assertEquals(PostgresServer.DATABASE, result.getString(1));
            assertEquals(42, result.getInt(2));
        }
    }

    @Test
    void redisAnswersPing() throws Exception {
        var uri = java.net.URI.create(infra.endpoints().redisUrl());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            var reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertEquals("+PONG", reader.readLine());
        }
    }

    @Test
    void kafkaDeliversAfterARestart() throws Exception {
        String key = UUID.randomUUID().toString();
        infra.kafka().stop();
        infra.kafka().start();
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.endpoints().kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.SESSIONS, key, "hello")).get();
        }
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.endpoints().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + key,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(Topics.SESSIONS));
            long deadline = System.currentTimeMillis() + 30_000;
            String found = null;
            while (found == null && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        found = record.value();
                    }
                }
            }
            assertEquals("hello", found);
        }
    }

    @Test
    void theReadModelSourcesAreKeptForeverAndAnOlderRetentionIsCorrected() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.endpoints().kafkaBootstrapServers()))) {
            ConfigResource tips = new ConfigResource(ConfigResource.Type.TOPIC, Topics.TIPS);
            admin.incrementalAlterConfigs(Map.of(tips, List.of(new AlterConfigOp(new ConfigEntry("retention.ms", "60000"),
                    AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
            assertEquals("60000", retention(admin, Topics.TIPS));

            infra.kafka().createTopics(Topics.all());

            for (String topic : Topics.KEPT_FOREVER) {
                assertEquals("-1", retention(admin, topic), topic);
                assertEquals("delete", config(admin, topic, "cleanup.policy"), topic);
                assertEquals("-1", config(admin, topic, "retention.bytes"), topic);
            }
            assertEquals(String.valueOf(Duration.ofDays(7).toMillis()), retention(admin, Topics.TTS));
        }
    }

    private static String retention(Admin admin, String topic) throws Exception {
        return config(admin, topic, "retention.ms");
    }

    private static String config(Admin admin, String topic, String name) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource).get(name).value();
    }
}
