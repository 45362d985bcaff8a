package io.streamingcompanion.testsupport;

import io.streamingcompanion.infra.DevTokenIssuer;
import io.streamingcompanion.infra.EmbeddedInfrastructure;
import io.streamingcompanion.infra.KafkaBroker;
import io.streamingcompanion.infra.RedisServer;
import java.util.Optional;

/**
 * One set of infrastructure per test JVM: the servers named by the environment if there are any,
 * otherwise embedded ones started on first use and stopped when the JVM exits.
 */
public final class SharedInfrastructure {

    private static EmbeddedInfrastructure embedded;
    private static EmbeddedInfrastructure.Endpoints endpoints;
    private static final DevTokenIssuer TOKENS = new DevTokenIssuer();

    private SharedInfrastructure() {
    }

    public static synchronized EmbeddedInfrastructure.Endpoints endpoints() {
        if (endpoints == null) {
            Optional<EmbeddedInfrastructure.Endpoints> given = EmbeddedInfrastructure.fromEnvironment();
            if (given.isPresent()) {
                endpoints = given.get();
            } else {
                embedded = EmbeddedInfrastructure.start(EmbeddedInfrastructure.Options.ephemeral());
                Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "embedded-infrastructure-stop"));
                endpoints = embedded.endpoints();
            }
        }
        return endpoints;
    }

    /** The embedded broker, for tests that simulate a Kafka outage; empty when Kafka is external. */
    public static synchronized Optional<KafkaBroker> embeddedKafka() {
        endpoints();
        return Optional.ofNullable(embedded).map(EmbeddedInfrastructure::kafka);
    }

    /** The embedded Redis, for tests that simulate a Redis outage; empty when Redis is external. */
    public static synchronized Optional<RedisServer> embeddedRedis() {
        endpoints();
        return Optional.ofNullable(embedded).map(EmbeddedInfrastructure::redis);
    }

    public static DevTokenIssuer tokens() {
        return TOKENS;
    }
}
