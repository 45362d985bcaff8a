package io.streamingcompanion.localsuite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Plain HTTP through the origin: what the service receives, and what the client gets when it cannot. */
class EdgeRouterHttpTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RouterFixture fixture;

    @BeforeAll
    static void startRouter() throws Exception {
        fixture = RouterFixture.overTcp();
    }

    @AfterAll
    static void stopRouter() throws Exception {
        fixture.close();
    }

    @Test
    void aRequestReachesItsServiceWithBodyHostAndForwardedHeaders() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(origin("/api/sessions?platform=other"))
                        .header("Authorization", "Bearer token-789").header("Content-Type", "application/json")
                        .header("X-Forwarded-For", "203.0.113.9")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Live\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(new JsonObject().put("uri", "/api/sessions?platform=other").put("body", "{\"title\":\"Live\"}"),
                new JsonObject(response.body()));
        UpstreamStub.Seen seen = fixture.upstream().requests().get(fixture.upstream().requests().size() - 1);
        assertEquals("POST", seen.method());
        assertEquals("Bearer token-789", seen.headers().get("Authorization"));
        assertEquals("127.0.0.1:" + fixture.routerPort(), seen.headers().get("Host"));
        assertEquals("127.0.0.1", seen.headers().get("X-Forwarded-For"), "the router says who really called");
        assertEquals("http", seen.headers().get("X-Forwarded-Proto"));
    }

    @Test
    void aServiceThatIsDownIsARetryableServiceUnavailableProblem() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(origin("/gone/page")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(503, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(null));
        assertEquals("1", response.headers().firstValue("Retry-After").orElse(null));
        JsonObject problem = new JsonObject(response.body());
        assertEquals(503, problem.getInteger("status"));
        assertEquals("urn:streaming:problem:dependency-unavailable", problem.getString("type"));
    }

    @Test
    void anUnknownPathIsNotFound() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(origin("/api/nowhere")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(404, response.statusCode());
        assertEquals("No service serves /api/nowhere", new JsonObject(response.body()).getString("detail"));
    }

    private static URI origin(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + fixture.routerPort() + pathAndQuery);
    }
}
