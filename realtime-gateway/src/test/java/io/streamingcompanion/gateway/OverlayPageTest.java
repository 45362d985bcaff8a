package io.streamingcompanion.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
@WithTestResource(SessionServiceStub.class)
class OverlayPageTest {

    @Test
    void thePageIsServedWithoutATokenAndKeepsTheKeyPrivate() {
        given().get("/overlay")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .body(containsString("<script src=\"/overlay/overlay.js\"></script>"))
                .body(containsString("/overlay/overlay.css"));
    }

    @Test
    void theContentSecurityPolicyForbidsInlineScriptAndForeignConnections() {
        given().get("/overlay?key=ovl_abc")
                .then().statusCode(200)
                .header("Content-Security-Policy", allOf(
                        containsString("default-src 'none'"),
                        containsString("script-src 'self';"),
                        containsString("style-src 'self';"),
                        containsString("connect-src 'self';"),
                        containsString("frame-ancestors 'self'"),
                        containsString("base-uri 'none'"),
                        containsString("form-action 'none'"),
                        not(containsString("unsafe-inline")),
                        not(containsString("ws:")),
                        not(containsString("wss:"))))
                // Only <script src=...> elements: an inline one would be blocked by that policy anyway.
                .body(not(matchesPattern("(?s).*<script(?![^>]*\\ssrc=)[^>]*>.*")))
                .body(not(containsString(" style=\"")));
    }

    @Test
    void theScriptTakesTheKeyFromTheFragmentAndSendsItInJoinOverlay() {
        given().get("/overlay/overlay.js")
                .then().statusCode(200)
                .contentType(containsString("text/javascript"))
                .header("X-Content-Type-Options", "nosniff")
                .body(containsString("location.hash"))
                .body(containsString("join_overlay"))
                .body(containsString("textContent"))
                .body(not(containsString("innerHTML =")))
                // The key never goes into the socket's URL, where proxies would log it.
                .body(not(containsString("/streaming/overlay?")));
        given().get("/overlay/overlay.css")
                .then().statusCode(200)
                .contentType(containsString("text/css"));
    }
}
