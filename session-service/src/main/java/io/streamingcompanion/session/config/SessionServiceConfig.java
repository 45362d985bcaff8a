package io.streamingcompanion.session.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "session-service")
public interface SessionServiceConfig {

    /** Largest page a list endpoint returns, whatever the client asks for. */
    @WithDefault("100")
    int maxPageSize();

    /** Upper bound of a session's metadata as JSON, so a client cannot store arbitrary blobs. */
    @WithDefault("8192")
    int maxMetadataBytes();
}
