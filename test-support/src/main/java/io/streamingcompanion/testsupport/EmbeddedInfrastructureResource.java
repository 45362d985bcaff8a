package io.streamingcompanion.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Points a service under test at real PostgreSQL, Kafka and Redis, and makes it trust the test token
 * issuer. Use it as {@code @WithTestResource(EmbeddedInfrastructureResource.class)} on every test class
 * of a module so that Quarkus starts the application once.
 */
public class EmbeddedInfrastructureResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(SharedInfrastructure.endpoints().quarkusConfig());
        config.put("quarkus.oidc.public-key", SharedInfrastructure.tokens().publicKeyBase64());
        return config;
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM; a shutdown hook stops it.
    }
}
