package io.streamingcompanion.streamtoken.mapping;

import io.streamingcompanion.contracts.stream.StreamLiveChanged;
import io.streamingcompanion.contracts.stream.ViewersUpdated;
import io.streamingcompanion.streamtoken.domain.StreamChannel;
import io.streamingcompanion.streamtoken.domain.StreamMode;
import io.streamingcompanion.streamtoken.livekit.LiveKitTokens.IssuedToken;
import io.streamingcompanion.streamtoken.rest.StreamApi.ChannelResponse;
import io.streamingcompanion.streamtoken.rest.StreamApi.IngressResponse;
import io.streamingcompanion.streamtoken.rest.StreamApi.PublicStreamResponse;
import io.streamingcompanion.streamtoken.rest.StreamApi.TokenResponse;
import java.time.Instant;

/**
 * Entity to API body and entity to event payload, in one place. Only {@link #toOwnerResponse} (the creator's own
 * channel) and {@link #toIngress} carry the stream key; public responses and events never do.
 */
public final class ChannelMapper {

    /** Causes of {@code streaming.stream.live-changed}, as the contract names them. */
    public static final String CAUSE_BROWSER = "browser";
    public static final String CAUSE_INGRESS = "ingress";
    public static final String CAUSE_ROOM_FINISHED = "room_finished";

    private ChannelMapper() {
    }

    public static ChannelResponse toOwnerResponse(StreamChannel channel) {
        return new ChannelResponse(channel.creatorId, channel.username, channel.roomName(), channel.title,
                channel.description, channel.thumbnail, channel.liveMode().name(), channel.live,
                channel.liveSource == null ? null : channel.liveSource.name(), channel.liveSince, channel.viewerCount,
                channel.chatEnabled, channel.chatDelayed, channel.chatFollowersOnly, toIngress(channel));
    }

    public static IngressResponse toIngress(StreamChannel channel) {
        if (channel.ingressId == null) {
            return null;
        }
        return new IngressResponse(channel.ingressId, channel.ingressType.name(), channel.serverUrl, channel.streamKey);
    }

    public static PublicStreamResponse toPublicResponse(StreamChannel channel) {
        return new PublicStreamResponse(publicName(channel), channel.creatorId, channel.roomName(), channel.title,
                channel.description, channel.thumbnail, channel.liveMode().name(), channel.live, channel.viewerCount,
                channel.chatEnabled, channel.chatDelayed, channel.chatFollowersOnly);
    }

    public static TokenResponse toTokenResponse(IssuedToken token, String wsUrl, String room) {
        return new TokenResponse(token.token(), wsUrl, room, token.identity(), token.name(), token.expiresAt(),
                token.canPublish(), token.canPublishData());
    }

    /** The name viewers know the channel by: the creator's username, or their id when they have none. */
    public static String publicName(StreamChannel channel) {
        return channel.username != null ? channel.username : channel.creatorId;
    }

    /** @param mode what the stream is (or, when it stops, was) live in */
    public static StreamLiveChanged liveChanged(StreamChannel channel, StreamMode mode, String cause, Instant at) {
        return new StreamLiveChanged(channel.creatorId, channel.live, mode.name(), cause, channel.title, at);
    }

    public static ViewersUpdated viewers(StreamChannel channel, Instant at) {
        return new ViewersUpdated(channel.creatorId, channel.viewerCount, at);
    }
}
