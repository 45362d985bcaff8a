package io.streamingcompanion.tip.connector;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** Request and response bodies of the Connectors API. */
public final class ConnectorApi {

    private ConnectorApi() {
    }

    /** The feed URL the platform shows the creator (for Chaturbate: https://eventsapi.chaturbate.com/events/<username>/<token>/). */
    public record ConnectRequest(
            @NotBlank(message = "is required") @Size(max = 2000, message = "must be at most 2000 characters") String eventsUrl) {
    }

    /** A connection as the creator sees it; the URL only masked (its token is never returned). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ConnectionView(
            String platform,
            String status,
            String account,
            String maskedUrl,
            String lastError,
            Instant lastEventAt,
            Instant lastPollAt,
            Instant connectedAt,
            Instant updatedAt) {

        static ConnectionView of(PlatformConnection connection) {
            return new ConnectionView(connection.key.platform(), connection.shownStatus(), connection.account,
                    connection.maskedUrl, connection.lastError, connection.lastEventAt, connection.lastPollAt,
                    connection.createdAt, connection.updatedAt);
        }
    }
}
