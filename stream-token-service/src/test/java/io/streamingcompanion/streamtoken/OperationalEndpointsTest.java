package io.streamingcompanion.streamtoken;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.OperationalEndpointsContract;
import java.util.List;

@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
@WithTestResource(FakeLiveKitResource.class)
class OperationalEndpointsTest extends OperationalEndpointsContract {

    @Override
    protected List<String> readinessChecks() {
        return List.of("PostgreSQL", "Messaging");
    }

    @Override
    protected String openApiTitle() {
        return "Stream token service";
    }
}
