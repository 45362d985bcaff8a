package io.streamingcompanion.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
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
        given().get("/overlay?key=ovl_abc")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .body(containsString("/streaming/overlay?key="))
                .body(containsString("textContent"))
                .body(not(containsString("innerHTML =")));
    }
}
