package io.streamingcompanion.testsupport;

/** Bearer tokens for creators, signed by the key the services under test trust. */
public final class TestTokens {

    private TestTokens() {
    }

    public static String creator(String creatorId) {
        return SharedInfrastructure.tokens().issue(creatorId, creatorId);
    }

    public static String bearer(String creatorId) {
        return "Bearer " + creator(creatorId);
    }
}
