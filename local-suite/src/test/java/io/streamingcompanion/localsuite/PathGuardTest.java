package io.streamingcompanion.localsuite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathGuardTest {

    private static String accepted(String rawPath) {
        return assertInstanceOf(PathGuard.Accepted.class, PathGuard.inspect(rawPath), rawPath).path();
    }

    @Test
    void ordinaryPathsPassUnchanged() {
        assertEquals("/api/sessions/3f6c1a2e-9d41-4d7e-8a43-5b1f0c9e2d17/end",
                accepted("/api/sessions/3f6c1a2e-9d41-4d7e-8a43-5b1f0c9e2d17/end"));
        assertEquals("/streaming/overlay", accepted("/streaming/overlay"));
        assertEquals("/api/sessions/", accepted("/api/sessions/"));
        assertEquals("/", accepted("/"));
        assertEquals("/overlay/app.v2.js", accepted("/overlay/app.v2.js"));
        assertEquals("/api/menu/public/..alice", accepted("/api/menu/public/..alice"));
    }

    @Test
    void escapesAreMadeCanonical() {
        assertEquals("/api/sessions/~alice", accepted("/api/%73essions/%7ealice"));
        assertEquals("/api/menu/public/al%20ice%C3%A9", accepted("/api/menu/public/al%20ice%c3%a9"));
        assertEquals("/q/metrics", accepted("/%71/metrics"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "*", "api/sessions", "/api/sessions/..", "/api/sessions/.", "/./api",
            "/api/sessions/../q", "/api/sessions/..;x/q", "/api/sessions/..%3bx/q", "/api/sessions/%2e%2e",
            "/api/sessions/.%2E", "/api/sessions/%2fq", "/api/sessions/%5Cq", "/api/sessions/%252e", "/api/%25",
            "/api/sessions\\q", "/api/sessions/%00", "/api/sessions/%1f", "/api/sessions/%7F", "/api/sessions/\t",
            "/api/sessions/\u0000", "//api/sessions", "/api//sessions", "/api/sessions/%", "/api/sessions/%a",
            "/api/sessions/%g0", "/api/sessions/%\uff11\uff11", "/api/sessions/\u00e9", "/api/sessions#/../../q"})
    void everyOtherSpellingIsRefused(String rawPath) {
        assertInstanceOf(PathGuard.Refused.class, PathGuard.inspect(rawPath), rawPath);
    }

    @Test
    void operationalAndInternalRootsArePrivateInAnySpelling() {
        for (String path : new String[] {"/q", "/q/", "/q/metrics", "/Q/health", "/q;v=1/metrics", "/q%3Bv=1",
                "/internal", "/internal/overlay-keys/abc", "/Internal/x", "/internal;x/overlay-keys"}) {
            assertTrue(PathGuard.isPrivate(path), path);
        }
        for (String path : new String[] {"/", "/qux", "/api/q", "/api/internal", "/internals", "/overlay"}) {
            assertFalse(PathGuard.isPrivate(path), path);
        }
    }
}
