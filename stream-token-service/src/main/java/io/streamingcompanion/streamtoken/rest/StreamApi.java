package io.streamingcompanion.streamtoken.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** Request and response bodies of the stream, viewer and ingress endpoints. Field names follow seed 000. */
public final class StreamApi {

    private StreamApi() {
    }

    /** PATCH: a field that is absent (or null) is left as it is. */
    public record UpdateChannelRequest(
            @Size(max = 200, message = "must be at most 200 characters")
            @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String title,
            @Size(max = 2000, message = "must be at most 2000 characters") String description,
            @Size(max = 2048, message = "must be at most 2048 characters")
            @Pattern(regexp = "^(https?://\\S+)?$", message = "must be an http(s) URL") String thumbnail,
            @JsonProperty("isChatEnabled") Boolean isChatEnabled,
            @JsonProperty("isChatDelayed") Boolean isChatDelayed,
            @JsonProperty("isChatFollowersOnly") Boolean isChatFollowersOnly) {
    }

    public record CreateIngressRequest(
            @Pattern(regexp = "(?i)rtmp|whip", message = "must be RTMP or WHIP") String inputType) {
    }

    /** The name viewers find the channel by ({@code /watch/<username>}); claimed explicitly, unique in any case. */
    public record ClaimUsernameRequest(
            @NotNull(message = "is required")
            @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_-]{2,29}",
                    message = "must be 3 to 30 letters, digits, '_' or '-', starting with a letter or digit") String username) {
    }

    public record ViewerTokenRequest(
            @NotBlank(message = "is required")
            @Size(max = 255, message = "must be at most 255 characters") String username,
            /** Display name a guest chooses; signed-in viewers are named by their token. */
            @Size(max = 64, message = "must be at most 64 characters") String name) {
    }

    /** The creator's own channel: the only response that carries the stream key. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ChannelResponse(
            String creatorId,
            String username,
            String roomName,
            String title,
            String description,
            String thumbnail,
            String mode,
            @JsonProperty("isLive") boolean isLive,
            String liveSource,
            Instant liveSince,
            int viewerCount,
            @JsonProperty("isChatEnabled") boolean isChatEnabled,
            @JsonProperty("isChatDelayed") boolean isChatDelayed,
            @JsonProperty("isChatFollowersOnly") boolean isChatFollowersOnly,
            IngressResponse ingress) {
    }

    /** Where OBS sends the stream: server URL and stream key (secret). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record IngressResponse(String ingressId, String inputType, String serverUrl, String streamKey) {
    }

    /** What anyone may know about a channel: never the ingress, its URL or its key. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PublicStreamResponse(
            String username,
            String creatorId,
            String roomName,
            String title,
            String description,
            String thumbnail,
            String mode,
            @JsonProperty("isLive") boolean isLive,
            int viewerCount,
            @JsonProperty("isChatEnabled") boolean isChatEnabled,
            @JsonProperty("isChatDelayed") boolean isChatDelayed,
            @JsonProperty("isChatFollowersOnly") boolean isChatFollowersOnly) {
    }

    /** A LiveKit access token and where to use it ({@code wsUrl}, {@code roomId} as in seed 000). */
    public record TokenResponse(
            String token,
            String wsUrl,
            String roomId,
            String identity,
            String name,
            Instant expiresAt,
            boolean canPublish,
            boolean canPublishData) {
    }

    /** A viewer token plus the chat settings the client should honour (the grant already enforces publishing). */
    public record ViewerTokenResponse(
            String token,
            String wsUrl,
            String roomId,
            String identity,
            String name,
            boolean guest,
            Instant expiresAt,
            boolean canPublishData,
            @JsonProperty("isChatEnabled") boolean isChatEnabled,
            @JsonProperty("isChatDelayed") boolean isChatDelayed,
            @JsonProperty("isChatFollowersOnly") boolean isChatFollowersOnly) {
    }
}
