package io.streamingcompanion.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.TestTokens;
import io.streamingcompanion.testsupport.WebSocketTestClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Socket commands follow the same strict JSON rule as REST bodies: a value that does not fit its field
 * exactly (out of range, a string for a number or boolean, a fraction for cents, NUL in text) is refused
 * with {@code invalid_request} and nothing is forwarded; it never wraps or rounds into another value.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
@WithTestResource(SessionServiceStub.class)
class SocketCommandValidationTest {

    /** 2^64 + 1250: read as a long without a range check it is 1250. */
    private static final String WRAPS_TO_1250 = "18446744073709552866";
    /** 2^32 + 100: read as an int without a range check it is 100. */
    private static final String WRAPS_TO_100 = "4294967396";

    @TestHTTPResource("/streaming")
    URI streaming;

    private WebSocketTestClient socketOf(String creatorId) {
        return WebSocketTestClient.withBearer(URI.create(streaming.toString().replaceFirst("^http", "ws")),
                TestTokens.creator(creatorId));
    }

    /** Sends every frame and expects exactly one {@code invalid_request} error for each, in order. */
    private static void expectInvalidRequests(WebSocketTestClient socket, List<String> frames) {
        int before = socket.frames("error").size();
        for (String frame : frames) {
            socket.sendRaw(frame);
        }
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> socket.frames("error").size() - before >= frames.size());
        List<JsonNode> errors = socket.frames("error").subList(before, socket.frames("error").size());
        for (int i = 0; i < frames.size(); i++) {
            assertEquals("invalid_request", errors.get(i).path("code").asText(), "for " + frames.get(i) + ": " + errors.get(i));
        }
    }

    @Test
    void tipsWithValuesThatDoNotFitAreRefusedBeforeForwarding() {
        String owner = "creator-" + UUID.randomUUID();
        String session = UUID.randomUUID().toString();
        SessionServiceStub.OWNERS.put(session, owner);
        try (var socket = socketOf(owner)) {
            String tip = "{\"event\":\"add_tip\",\"data\":{\"sessionId\":\"" + session + "\",%s}}";
            expectInvalidRequests(socket, List.of(
                    tip.formatted("\"amountCents\":" + WRAPS_TO_1250),
                    tip.formatted("\"amountCents\":-" + WRAPS_TO_1250),
                    tip.formatted("\"amountCents\":\"1250\""),
                    tip.formatted("\"amountCents\":12.5"),
                    tip.formatted("\"amountCents\":1250.0"),
                    tip.formatted("\"amountCents\":1e400"),
                    tip.formatted("\"amountCents\":true"),
                    tip.formatted("\"amountCents\":500,\"test\":\"true\""),
                    tip.formatted("\"amountCents\":500,\"test\":1"),
                    tip.formatted("\"amountCents\":500,\"tipperName\":\"a\\u0000b\""),
                    tip.formatted("\"amountCents\":500,\"message\":[\"hi\"]"),
                    tip.formatted("\"amountCents\":500,\"idempotencyKey\":42"),
                    tip.formatted("\"amountCents\":500,\"idempotencyKey\":\"k\\u0000\"")));
            assertTrue(SessionServiceStub.requests("/api/tips").stream().noneMatch(request -> request.body().contains(session)),
                    "nothing was forwarded to tip-service");
            assertFalse(socket.isClosed());
        }
    }

    @Test
    void viewerCountsThatDoNotFitAreRefusedAndAValidOneIsForwardedAsIs() {
        String owner = "creator-" + UUID.randomUUID();
        String session = UUID.randomUUID().toString();
        SessionServiceStub.OWNERS.put(session, owner);
        try (var socket = socketOf(owner)) {
            String viewers = "{\"event\":\"update_viewers\",\"data\":{\"sessionId\":\"" + session + "\",\"viewerCount\":%s}}";
            expectInvalidRequests(socket, List.of(
                    viewers.formatted(WRAPS_TO_100),
                    viewers.formatted("-" + WRAPS_TO_100),
                    viewers.formatted("\"100\""),
                    viewers.formatted("100.5"),
                    viewers.formatted("100.0"),
                    viewers.formatted("false"),
                    viewers.formatted("{\"n\":100}")));
            assertTrue(SessionServiceStub.requests("/api/sessions/" + session + "/viewers").isEmpty(),
                    "nothing was forwarded to session-service");

            socket.sendRaw(viewers.formatted("100"));
            socket.await("viewers_updated", data -> data.path("sessionId").asText().equals(session));
            List<SessionServiceStub.Request> forwarded = SessionServiceStub.requests("/api/sessions/" + session + "/viewers");
            assertEquals(1, forwarded.size());
            assertEquals("{\"viewerCount\":100}", forwarded.get(0).body().replace(" ", ""));
        }
    }

    @Test
    void joinsAndLeavesFollowTheSameRule() {
        String owner = "creator-" + UUID.randomUUID();
        String session = UUID.randomUUID().toString();
        SessionServiceStub.OWNERS.put(session, owner);
        try (var socket = socketOf(owner)) {
            expectInvalidRequests(socket, List.of(
                    "{\"event\":\"join_session\",\"data\":{\"sessionId\":\"" + session + "\",\"since\":" + WRAPS_TO_1250 + "}}",
                    "{\"event\":\"join_session\",\"data\":{\"sessionId\":\"" + session + "\",\"since\":\"3\"}}",
                    "{\"event\":\"join_session\",\"data\":{\"sessionId\":\"" + session + "\",\"since\":2.5}}",
                    "{\"event\":\"join_session\",\"data\":{\"sessionId\":7}}",
                    "{\"event\":\"leave_session\",\"data\":{\"sessionId\":[\"" + session + "\"]}}"));
            assertTrue(socket.frames("joined_session").isEmpty(), "no join went through with a value that does not fit");
        }
    }
}
