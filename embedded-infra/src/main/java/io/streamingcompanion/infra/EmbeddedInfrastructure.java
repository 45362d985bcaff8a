package io.streamingcompanion.infra;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * PostgreSQL, Kafka and Redis for one JVM: started on demand, or taken from the environment when an
 * operator or CI already runs them (see {@link #fromEnvironment()}).
 */
public final class EmbeddedInfrastructure implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedInfrastructure.class);

    public static final String ENV_JDBC_URL = "STREAMING_POSTGRES_JDBC_URL";
    public static final String ENV_REACTIVE_URL = "STREAMING_POSTGRES_REACTIVE_URL";
    public static final String ENV_DB_USER = "STREAMING_POSTGRES_USER";
    public static final String ENV_DB_PASSWORD = "STREAMING_POSTGRES_PASSWORD";
    public static final String ENV_KAFKA = "STREAMING_KAFKA_BOOTSTRAP_SERVERS";
    public static final String ENV_REDIS = "STREAMING_REDIS_URL";

    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final RedisServer redis;
    private final Endpoints endpoints;

    /** Where the services find the infrastructure. */
    public record Endpoints(String jdbcUrl, String reactiveUrl, String dbUser, String dbPassword,
                            String kafkaBootstrapServers, String redisUrl) {

        /** The configuration keys every service reads, in Quarkus' property names. */
        public Map<String, String> quarkusConfig() {
            Map<String, String> config = new LinkedHashMap<>();
            config.put("quarkus.datasource.jdbc.url", jdbcUrl);
            config.put("quarkus.datasource.reactive.url", reactiveUrl);
            config.put("quarkus.datasource.username", dbUser);
            config.put("quarkus.datasource.password", dbPassword);
            config.put("kafka.bootstrap.servers", kafkaBootstrapServers);
            config.put("quarkus.redis.hosts", redisUrl);
            return config;
        }
    }

    /** Ports of 0 mean "any free port"; a null data directory means a throw-away one. */
    public record Options(int postgresPort, int kafkaPort, int redisPort, Path dataDirectory) {

        public static Options ephemeral() {
            return new Options(0, 0, 0, null);
        }
    }

    private EmbeddedInfrastructure(PostgresServer postgres, KafkaBroker kafka, RedisServer redis, Endpoints endpoints) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.redis = redis;
        this.endpoints = endpoints;
    }

    public static EmbeddedInfrastructure start(Options options) {
        long started = System.nanoTime();
        Path dir = options.dataDirectory();
        PostgresServer postgres = PostgresServer.start(options.postgresPort(), dir == null ? null : dir.resolve("postgres"));
        RedisServer redis = null;
        KafkaBroker kafka = null;
        try {
            redis = RedisServer.start(options.redisPort());
            kafka = KafkaBroker.start(options.kafkaPort(), dir == null ? null : dir.resolve("kafka"));
        } catch (RuntimeException e) {
            if (redis != null) {
                redis.close();
            }
            postgres.close();
            throw e;
        }
        Endpoints endpoints = new Endpoints(postgres.jdbcUrl(), postgres.reactiveUrl(), PostgresServer.USER, "",
                kafka.bootstrapServers(), redis.url());
        LOG.infof("Embedded infrastructure up in %d ms", (System.nanoTime() - started) / 1_000_000);
        return new EmbeddedInfrastructure(postgres, kafka, redis, endpoints);
    }

    /** Infrastructure someone else runs, if the environment names all of it. */
    public static java.util.Optional<Endpoints> fromEnvironment() {
        String jdbc = System.getenv(ENV_JDBC_URL);
        String kafka = System.getenv(ENV_KAFKA);
        String redis = System.getenv(ENV_REDIS);
        if (jdbc == null || kafka == null || redis == null) {
            return java.util.Optional.empty();
        }
        String reactive = System.getenv().getOrDefault(ENV_REACTIVE_URL, jdbc.replaceFirst("^jdbc:", ""));
        return java.util.Optional.of(new Endpoints(jdbc, reactive,
                System.getenv().getOrDefault(ENV_DB_USER, PostgresServer.USER),
                System.getenv().getOrDefault(ENV_DB_PASSWORD, ""), kafka, redis));
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public RedisServer redis() {
        return redis;
    }

    @Override
    public void close() {
        kafka.close();
        redis.close();
        postgres.close();
    }
}
