package io.streamingcompanion.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamingcompanion.gateway.client.SessionServiceClient;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.Test;

/** The gateway's calls to session-service's internal route carry the service token (the stub answers 401 without). */
@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
@WithTestResource(SessionServiceStub.class)
class ServiceTokenTest {

    @RestClient
    SessionServiceClient sessionService;

    @Test
    void overlayKeyLookupsCarryTheServiceToken() {
        WebApplicationException answer = assertThrows(WebApplicationException.class,
                () -> sessionService.overlayOwner("0".repeat(64)).await().atMost(Duration.ofSeconds(10)));
        assertEquals(404, answer.getResponse().getStatus(), "the stub saw the service token and looked the key up");
    }
}
