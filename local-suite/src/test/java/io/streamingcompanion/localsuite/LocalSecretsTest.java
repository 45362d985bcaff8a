package io.streamingcompanion.localsuite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcompanion.commons.security.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSecretsTest {

    @Test
    void secretsAreGeneratedOnceKeptPrivateAndAcceptedByTheServices(@TempDir Path work) throws Exception {
        Map<String, String> first = LocalSecrets.loadOrCreate(work);
        Map<String, String> again = LocalSecrets.loadOrCreate(work);

        assertEquals(first, again, "a later run reuses the same secrets");
        assertEquals(4, first.size());
        Secrets.requireReal("LIVEKIT_API_SECRET", first.get("LIVEKIT_API_SECRET"), 32);
        Secrets.requireReal("STREAMING_INTERNAL_SERVICE_TOKEN", first.get("STREAMING_INTERNAL_SERVICE_TOKEN"), 32);
        Secrets.requireReal("STREAMING_CONNECTOR_ENCRYPTION_KEY", first.get("STREAMING_CONNECTOR_ENCRYPTION_KEY"), 32);
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(work.resolve(LocalSecrets.FILE_NAME))));
    }

    @Test
    void anotherWorkDirectoryGetsOtherSecrets(@TempDir Path one, @TempDir Path two) {
        assertNotEquals(LocalSecrets.loadOrCreate(one).get("LIVEKIT_API_SECRET"),
                LocalSecrets.loadOrCreate(two).get("LIVEKIT_API_SECRET"));
    }

    @Test
    void noDefaultSecretIsLeftInTheServicesConfiguration() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        for (String service : new String[] {"stream-token-service", "session-service", "realtime-gateway"}) {
            String properties = Files.readString(root.resolve(service).resolve("src/main/resources/application.properties"));
            assertTrue(!properties.contains("devkey") && !properties.matches("(?s).*api-secret\\s*=.*"),
                    service + " configures a default secret");
        }
    }
}
