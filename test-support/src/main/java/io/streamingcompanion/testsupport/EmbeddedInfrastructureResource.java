package io.streamingcompanion.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Points a service under test at real PostgreSQL, Kafka and Redis, and makes it trust the test token
 * issuer. Use it as {@code @WithTestResource(EmbeddedInfrastructureResource.class)} on every test class
 * of a module so that Quarkus starts the application once.
 */
public class EmbeddedInfrastructureResource implements QuarkusTestResourceLifecycleManager {

    /** The service-to-service token of this test JVM, generated like the launcher's. */
    public static final String SERVICE_TOKEN = HexFormat.of().formatHex(randomBytes());

    /** The key tip-service encrypts platform feed URLs with ({@code STREAMING_CONNECTOR_ENCRYPTION_KEY}). */
    public static final String CONNECTOR_ENCRYPTION_KEY = HexFormat.of().formatHex(randomBytes());

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(SharedInfrastructure.endpoints().quarkusConfig());
        config.put("quarkus.oidc.public-key", SharedInfrastructure.tokens().publicKeyBase64());
        config.put("streaming.internal-service-token", SERVICE_TOKEN);
        config.put("streaming.connector-encryption-key", CONNECTOR_ENCRYPTION_KEY);
        return config;
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM; a shutdown hook stops it.
    }
}
