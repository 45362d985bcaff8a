package io.streamingcompanion.streamtoken;

import static io.restassured.RestAssured.given;
import static io.streamingcompanion.streamtoken.StreamTests.newCreator;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamingcompanion.commons.security.VerifiedTokens;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.SharedInfrastructure;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A token verified once is not verified again, and still stops working when it expires or is altered. */
@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
@WithTestResource(FakeLiveKitResource.class)
class VerifiedTokenCacheTest {

    @Inject
    VerifiedTokens verifiedTokens;

    @Test
    void aRepeatedTokenIsAnsweredFromTheCacheAsItsOwnCreator() {
        String alice = newCreator();
        String bob = newCreator();
        String aliceToken = SharedInfrastructure.tokens().issue(alice, "alice");
        String bobToken = SharedInfrastructure.tokens().issue(bob, "bob");
        long before = verifiedTokens.hits();
        for (int round = 0; round < 3; round++) {
            channelOf(aliceToken).then().statusCode(200).body("creatorId", equalTo(alice));
            channelOf(bobToken).then().statusCode(200).body("creatorId", equalTo(bob));
        }
        // Each token is verified once; the other four requests reuse the verification.
        assertEquals(4, verifiedTokens.hits() - before);
    }

    @Test
    void anAlteredTokenIsRefusedEvenWhileTheOriginalIsCached() {
        String token = SharedInfrastructure.tokens().issue(newCreator(), "carol");
        channelOf(token).then().statusCode(200);
        channelOf(token).then().statusCode(200);
        int lastSignatureChar = token.length() - 2;
        char flipped = token.charAt(lastSignatureChar) == 'A' ? 'B' : 'A';
        String altered = token.substring(0, lastSignatureChar) + flipped + token.substring(lastSignatureChar + 1);
        channelOf(altered).then().statusCode(401);
        channelOf(token + "x").then().statusCode(401);
    }

    @Test
    void aCachedTokenStopsWorkingWhenItExpires() throws InterruptedException {
        String creator = newCreator();
        String shortLived = SharedInfrastructure.tokens().issue(creator, "dave", Duration.ofSeconds(3));
        channelOf(shortLived).then().statusCode(200).body("creatorId", equalTo(creator));
        long before = verifiedTokens.hits();
        channelOf(shortLived).then().statusCode(200);
        assertTrue(verifiedTokens.hits() > before, "the second request should have reused the verification");
        // The cache keeps entries up to a minute; this token's own expiry must end its entry first.
        Thread.sleep(4_500);
        channelOf(shortLived).then().statusCode(401);
    }

    private static io.restassured.response.Response channelOf(String token) {
        return given().header("Authorization", "Bearer " + token).get("/api/stream");
    }
}
