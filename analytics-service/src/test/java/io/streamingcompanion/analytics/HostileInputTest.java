package io.streamingcompanion.analytics;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamingcompanion.testsupport.EmbeddedInfrastructureResource;
import io.streamingcompanion.testsupport.HostileInputContract;

/** Analytics only reads: random session ids (404) and hostile query values (400) are what gets swept. */
@QuarkusTest
@WithTestResource(EmbeddedInfrastructureResource.class)
class HostileInputTest extends HostileInputContract {
}
