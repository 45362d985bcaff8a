package io.streamingcompanion.chatbot;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.OperationalEndpointsContract;
import java.util.List;

@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
class OperationalEndpointsTest extends OperationalEndpointsContract {

    @Override
    protected List<String> readinessChecks() {
        return List.of("PostgreSQL", "Messaging", "Redis");
    }

    @Override
    protected String openApiTitle() {
        return "Chatbot and TTS service";
    }
}
