package io.streamingcompanion.localsuite;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Paths that climb out of a routed prefix, in every spelling, never reach a service, and {@code /q} and
 * {@code /internal} stay private even when the route table would route them.
 */
class EdgeRouterPathTest {

    private static RouterFixture fixture;

    @BeforeAll
    static void startRouter() throws Exception {
        fixture = RouterFixture.overTcp();
    }

    @AfterAll
    static void stopRouter() throws Exception {
        fixture.close();
    }

    @BeforeEach
    void forgetEarlierRequests() {
        fixture.upstream().requests().clear();
        fixture.upstream().upgrades().clear();
    }

    static Stream<String> pathsThatMustBeRefused() {
        return Stream.of(
                // dot segments
                "/api/sessions/../../q/metrics",
                "/api/sessions/../../internal/overlay-keys/0f1e2d3c4b5a69788796a5b4c3d2e1f0",
                "/api/sessions/./x",
                "/api/sessions/..",
                "/api/sessions/x/../..",
                "/api/sessions/..;/..;/q/metrics",
                "/api/sessions/..%3b/..%3B/internal/overlay-keys/abc",
                // encoded dots
                "/api/sessions/%2e%2e/%2e%2e/q/metrics",
                "/api/sessions/%2E%2E/%2E%2E/internal/overlay-keys/abc",
                "/api/sessions/.%2e/%2E./q/metrics",
                "/api/sessions/%2e/x",
                // encoded separators
                "/api/sessions/..%2f..%2fq%2fmetrics",
                "/api/sessions/..%2F..%2Finternal%2Foverlay-keys%2Fabc",
                "/api/sessions/..%5c..%5cq%5cmetrics",
                "/api/sessions/..%5C..%5Cinternal%5Coverlay-keys%5Cabc",
                // double encoding
                "/api/sessions/%252e%252e/%252e%252e/q/metrics",
                "/api/sessions/%252E%252E%252F%252E%252E%252Fq%252Fmetrics",
                "/api/sessions/%25252e%25252e/q/metrics",
                "/api/sessions/100%25",
                // backslashes
                "/api/sessions/..\\..\\q\\metrics",
                "/api/sessions\\..\\..\\internal\\overlay-keys\\abc",
                // NUL and other control characters
                "/api/sessions/%00",
                "/api/sessions/x%00.json",
                "/api/sessions/x%0d%0aX-Injected:%20yes",
                "/api/sessions/%7f",
                "/api/sessions/\u0001",
                // empty segments
                "//q/metrics",
                "/api/sessions//../../q/metrics",
                "/api//sessions",
                // malformed percent-encoding
                "/api/sessions/%zz",
                "/api/sessions/%4");
    }

    @ParameterizedTest
    @MethodSource("pathsThatMustBeRefused")
    void aPathThatCouldClimbOutOfItsRouteIsRefusedWithAProblem(String target) throws Exception {
        RawHttp.Response response = RawHttp.get(fixture.routerPort(), target);

        assertEquals(400, response.status(), target + " -> " + response);
        assertProblem(response, 400);
        assertTrue(fixture.upstream().requests().isEmpty(), target + " reached the service: " + fixture.upstream().requests());
    }

    static Stream<String> privatePaths() {
        return Stream.of("/q", "/q/", "/q/metrics", "/q/health/ready", "/Q/metrics", "/q;x/metrics", "/%71/metrics",
                "/internal", "/internal/overlay-keys/0f1e2d3c4b5a69788796a5b4c3d2e1f0", "/INTERNAL/overlay-keys/abc",
                "/internal;x/overlay-keys/abc", "/%69nternal/overlay-keys/abc");
    }

    @ParameterizedTest
    @MethodSource("privatePaths")
    void operationalAndInternalPathsAreNotFoundEvenWhenTheTableRoutesThem(String target) throws Exception {
        RawHttp.Response response = RawHttp.get(fixture.routerPort(), target);

        assertEquals(404, response.status(), target + " -> " + response);
        assertProblem(response, 404);
        assertTrue(fixture.upstream().requests().isEmpty(), target + " reached the service: " + fixture.upstream().requests());
    }

    @Test
    void anAbsoluteFormTargetIsJudgedByItsPath() throws Exception {
        int port = fixture.routerPort();
        for (String target : List.of("http://127.0.0.1:" + port + "/q/metrics",
                "http://127.0.0.1:" + port + "/api/sessions/../../internal/overlay-keys/abc")) {
            RawHttp.Response response = RawHttp.get(port, target);

            assertTrue(response.status() == 400 || response.status() == 404, target + " -> " + response);
        }
        assertTrue(fixture.upstream().requests().isEmpty(), "reached the service: " + fixture.upstream().requests());
    }

    @Test
    void aWebSocketUpgradeIsJudgedLikeAnyOtherRequest() throws Exception {
        int port = fixture.routerPort();

        assertEquals(400, RawHttp.upgrade(port, "/streaming/../q/metrics").status());
        assertEquals(400, RawHttp.upgrade(port, "/streaming/%2e%2e/internal/overlay-keys/abc").status());
        assertEquals(404, RawHttp.upgrade(port, "/internal/overlay-keys/abc").status());
        assertEquals(404, RawHttp.upgrade(port, "/q/metrics").status());
        assertTrue(fixture.upstream().upgrades().isEmpty(), "reached the service: " + fixture.upstream().upgrades());
    }

    @Test
    void theServiceReceivesExactlyThePathThatWasChecked() throws Exception {
        int port = fixture.routerPort();

        RawHttp.Response plain = RawHttp.get(port, "/api/sessions/abc?page=2&q=%2e%2e");
        RawHttp.Response spelledOut = RawHttp.get(port, "/api/%73essions/%7Ealice%3bv=1");

        assertEquals(200, plain.status(), plain.toString());
        assertEquals(200, spelledOut.status(), spelledOut.toString());
        assertEquals(List.of("/api/sessions/abc?page=2&q=%2e%2e", "/api/sessions/~alice%3Bv=1"),
                fixture.upstream().requests().stream().map(UpstreamStub.Seen::uri).toList());
    }

    @Test
    void noneOfTheseIsEverAnsweredWithAServerError() throws Exception {
        int port = fixture.routerPort();
        List<String> targets = Stream.of(pathsThatMustBeRefused(), privatePaths(),
                Stream.of("*", "/\u0000", "/api/sessions/\u007f", "/api/sessions/\u00e9", "/api/sessions/%c3%a9")).flatMap(s -> s).toList();
        for (String target : targets) {
            RawHttp.Response response = RawHttp.get(port, target);

            assertFalse(response.status() >= 500, target + " -> " + response);
        }
        assertTrue(fixture.upstream().requests().stream().noneMatch(seen -> isPrivate(seen.uri())),
                "a private path reached the service: " + fixture.upstream().requests());
    }

    private static boolean isPrivate(String uri) {
        String lower = uri.toLowerCase();
        return lower.contains("/q/") || lower.contains("/internal") || lower.endsWith("/q") || lower.contains("/q?");
    }

    private static void assertProblem(RawHttp.Response response, int status) {
        assertEquals("application/problem+json", response.header("Content-Type"), response.toString());
        JsonObject problem = new JsonObject(response.body());
        assertAll(
                () -> assertTrue(problem.containsKey("type"), problem.encode()),
                () -> assertTrue(problem.containsKey("title"), problem.encode()),
                () -> assertEquals(status, problem.getInteger("status"), problem.encode()),
                () -> assertTrue(problem.containsKey("detail"), problem.encode()));
    }
}
