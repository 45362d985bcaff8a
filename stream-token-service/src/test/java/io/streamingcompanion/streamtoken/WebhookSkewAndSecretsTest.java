package io.streamingcompanion.streamtoken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.streamingcompanion.commons.problem.ApiException;
import io.streamingcompanion.streamtoken.config.LiveKitConfig;
import io.streamingcompanion.streamtoken.config.LiveKitSecretsCheckAccess;
import io.streamingcompanion.streamtoken.livekit.LiveKitWebhookVerifier;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** Plain unit tests: webhook tokens within a small clock skew, and no LiveKit credentials anyone could know. */
class WebhookSkewAndSecretsTest {

    private static final String KEY = "APIskewtest";
    private static final String SECRET = "0123456789abcdef0123456789abcdef0123";
    private static final String BODY = "{\"event\":\"room_started\",\"id\":\"EV_1\",\"room\":{\"name\":\"r\"}}";

    private final LiveKitWebhookVerifier verifier = new LiveKitWebhookVerifier(config(KEY, SECRET));

    @Test
    void aTokenSignedBySlightlyFastClockIsAccepted() throws Exception {
        assertEquals("room_started", verifier.verify(BODY.getBytes(StandardCharsets.UTF_8),
                token(Instant.now().plusSeconds(5), BODY)).getEvent());
    }

    @Test
    void aTokenNotValidForMinutesYetIsRefused() throws Exception {
        ApiException refused = assertThrows(ApiException.class, () -> verifier.verify(BODY.getBytes(StandardCharsets.UTF_8),
                token(Instant.now().plusSeconds(300), BODY)));
        assertEquals(401, refused.status());
    }

    @Test
    void aBodyOtherThanTheSignedOneIsRefused() throws Exception {
        ApiException refused = assertThrows(ApiException.class, () -> verifier.verify(
                BODY.replace("room_started", "room_finished").getBytes(StandardCharsets.UTF_8), token(Instant.now(), BODY)));
        assertEquals(401, refused.status());
    }

    @Test
    void theLiveKitDevCredentialsOrAShortSecretDoNotStartTheService() {
        assertThrows(IllegalStateException.class, () -> LiveKitSecretsCheckAccess.check(config("devkey", "secret")));
        assertThrows(IllegalStateException.class, () -> LiveKitSecretsCheckAccess.check(config(KEY, "short-but-real-3f9a")));
        assertThrows(IllegalStateException.class, () -> LiveKitSecretsCheckAccess.check(config(KEY, "")));
        LiveKitSecretsCheckAccess.check(config(KEY, SECRET));
    }

    private static String token(Instant notBefore, String body) throws Exception {
        String checksum = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        return JWT.create().withIssuer(KEY).withNotBefore(Date.from(notBefore))
                .withExpiresAt(Date.from(notBefore.plusSeconds(600))).withClaim("sha256", checksum)
                .sign(Algorithm.HMAC256(SECRET));
    }

    private static LiveKitConfig config(String apiKey, String apiSecret) {
        return (LiveKitConfig) Proxy.newProxyInstance(LiveKitConfig.class.getClassLoader(), new Class<?>[] {LiveKitConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "apiKey" -> apiKey;
                    case "apiSecret" -> apiSecret;
                    case "webhookClockSkew" -> Duration.ofSeconds(30);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
