package io.streamingcompanion.commons.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How every consumer of the suite retries and where it dead-letters (prefix {@code streaming.consumer}). */
@ConfigMapping(prefix = "streaming.consumer")
public interface ConsumerConfig {

    Retry retry();

    interface Retry {

        /**
         * Attempts after the first for a failure that may pass (database or Kafka briefly away, a lock
         * timeout). With the defaults an event is retried for about a minute before it is dead-lettered.
         */
        @WithDefault("10")
        int attempts();

        @WithDefault("200ms")
        Duration initialBackoff();

        @WithDefault("10s")
        Duration maxBackoff();
    }
}
