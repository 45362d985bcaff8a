package io.streamingcompanion.commons.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long a replica trusts a bearer token it has already verified (prefix {@code streaming.verified-tokens}). */
@ConfigMapping(prefix = "streaming.verified-tokens")
public interface VerifiedTokenConfig {

    /** Distinct tokens remembered; the least recently used go first. 0 turns the cache off. */
    @WithDefault("10000")
    int maxSize();

    /**
     * The longest a verification is reused, whatever the token's own expiry. It bounds how long a replica keeps
     * accepting a token signed by a key the identity provider has since rotated out.
     */
    @WithDefault("60s")
    Duration maxAge();
}
