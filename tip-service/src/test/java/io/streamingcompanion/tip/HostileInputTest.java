package io.streamingcompanion.tip;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.HostileInputContract;

@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
class HostileInputTest extends HostileInputContract {

    /** session-service does not run here: a tip for a session this service never heard of is a retryable 503. */
    @Override
    protected boolean documentedServerError(Response response) {
        return response.statusCode() == 503
                && "urn:streaming:problem:dependency-unavailable".equals(response.jsonPath().getString("type"));
    }
}
