package io.streamingcompanion.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The creator dashboard (module creator-dashboard) as this gateway serves it. */
@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
@WithTestResource(SessionServiceStub.class)
class DashboardPageTest {

    @Test
    void everyClientRouteAnswersThePageWithAStrictContentSecurityPolicy() {
        for (String path : new String[] {"/", "/live", "/menu", "/chatbot", "/obs", "/go-live", "/analytics",
                "/connectors", "/signin", "/auth/callback", "/watch/alice", "/watch/alice/"}) {
            given().get(path)
                    .then().statusCode(200)
                    .contentType(containsString("text/html"))
                    .header("Cache-Control", "no-cache")
                    .header("X-Frame-Options", "DENY")
                    .header("Content-Security-Policy", allOf(
                            containsString("default-src 'none'"),
                            containsString("script-src 'self';"),
                            containsString("style-src 'self';"),
                            containsString("connect-src 'self' ws://localhost:7880 http://localhost:7880;"),
                            containsString("frame-ancestors 'none'"),
                            containsString("base-uri 'none'"),
                            not(containsString("unsafe-inline")),
                            not(containsString("unsafe-eval"))))
                    .body(containsString("<div id=\"root\"></div>"))
                    // Vite's output: script files only, no inline script or style the policy would block.
                    .body(not(matchesPattern("(?s).*<script(?![^>]*\\ssrc=)[^>]*>.*")))
                    .body(not(containsString(" style=\"")));
        }
    }

    @Test
    void theBuiltFilesAreServedAndCachedForGood() {
        String page = given().get("/").then().statusCode(200).extract().asString();
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(page);
        org.junit.jupiter.api.Assertions.assertTrue(script.find(), page);
        given().get(script.group(1))
                .then().statusCode(200)
                .contentType(containsString("javascript"))
                .header("Cache-Control", containsString("immutable"));
    }

    @Test
    void otherPathsAreLeftToTheirOwners() {
        given().get("/overlay").then().statusCode(200).body(containsString("/overlay/overlay.js"));
        given().get("/api/sessions").then().statusCode(401);
        given().get("/livestream").then().statusCode(404);
        given().get("/watch").then().statusCode(404);
        given().get("/watch/alice/extra").then().statusCode(404);
    }

    @Test
    void theSettingsTellTheDashboardHowCreatorsSignIn() {
        given().get("/dashboard-config.json")
                .then().statusCode(200)
                .body("signIn", equalTo("local"))
                .body("oidc", nullValue())
                .body("livekitUrl", equalTo("ws://localhost:7880"));
    }
}
