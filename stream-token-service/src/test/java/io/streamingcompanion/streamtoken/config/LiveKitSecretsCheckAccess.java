package io.streamingcompanion.streamtoken.config;

/** Lets tests in other packages run the startup check on a config of their own. */
public final class LiveKitSecretsCheckAccess {

    private LiveKitSecretsCheckAccess() {
    }

    public static void check(LiveKitConfig config) {
        LiveKitSecretsCheck.check(config);
    }
}
