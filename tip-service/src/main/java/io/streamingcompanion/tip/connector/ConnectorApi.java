package io.streamingcompanion.tip.connector;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
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

    /**
     * What a follow, a fan-club join and a media purchase in the room play on the creator's overlay: an animation
     * type ({@code confetti|hearts|rain|custom}) or {@code off}. In a PUT, an absent field stays as it is.
     */
    public record AnimationSettings(
            @Pattern(regexp = PlatformConnection.ANIMATION_CHOICES, message = "must be one of " + PlatformConnection.ANIMATION_CHOICES) String follow,
            @Pattern(regexp = PlatformConnection.ANIMATION_CHOICES, message = "must be one of " + PlatformConnection.ANIMATION_CHOICES) String fanclubJoin,
            @Pattern(regexp = PlatformConnection.ANIMATION_CHOICES, message = "must be one of " + PlatformConnection.ANIMATION_CHOICES) String mediaPurchase) {

        static AnimationSettings of(PlatformConnection connection) {
            return new AnimationSettings(connection.followAnimation, connection.fanclubJoinAnimation, connection.mediaPurchaseAnimation);
        }
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
            Instant updatedAt,
            AnimationSettings animations) {

        static ConnectionView of(PlatformConnection connection) {
            return new ConnectionView(connection.key.platform(), connection.shownStatus(), connection.account,
                    connection.maskedUrl, connection.lastError, connection.lastEventAt, connection.lastPollAt,
                    connection.createdAt, connection.updatedAt, AnimationSettings.of(connection));
        }
    }
}
