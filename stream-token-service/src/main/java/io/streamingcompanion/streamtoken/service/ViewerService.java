package io.streamingcompanion.streamtoken.service;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.problem.ApiException;
import io.streamingcompanion.streamtoken.config.LiveKitConfig;
import io.streamingcompanion.streamtoken.domain.StreamChannel;
import io.streamingcompanion.streamtoken.livekit.LiveKitTokens;
import io.streamingcompanion.streamtoken.livekit.LiveKitTokens.IssuedToken;
import io.streamingcompanion.streamtoken.livekit.LiveKitTokens.Role;
import io.streamingcompanion.streamtoken.livekit.LiveKitUrls;
import io.streamingcompanion.streamtoken.mapping.ChannelMapper;
import io.streamingcompanion.streamtoken.repository.StreamChannelRepository;
import io.streamingcompanion.streamtoken.rest.StreamApi.PublicStreamResponse;
import io.streamingcompanion.streamtoken.rest.StreamApi.ViewerTokenRequest;
import io.streamingcompanion.streamtoken.rest.StreamApi.ViewerTokenResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;

/**
 * What viewers (signed in or not) may see and get: a channel's public info and a subscribe-only token. A channel
 * is found by its username (case-insensitive) or, failing that, by its creator id.
 */
@ApplicationScoped
public class ViewerService {

    private final StreamChannelRepository channels;
    private final LiveKitTokens tokens;
    private final String clientUrl;
    private final SecureRandom random = new SecureRandom();

    public ViewerService(StreamChannelRepository channels, LiveKitTokens tokens, LiveKitConfig config) {
        this.channels = channels;
        this.tokens = tokens;
        this.clientUrl = LiveKitUrls.client(config);
    }

    public Uni<PublicStreamResponse> stream(String username) {
        return find(username).map(ChannelMapper::toPublicResponse);
    }

    /**
     * A token for the channel's room. The creator themself gets their host-viewer token; a signed-in viewer joins
     * as their own id; an anonymous guest gets a fresh unique identity (LiveKit would disconnect a participant
     * whose identity joins twice). Data publishing (chat) follows {@link ChatRules}.
     *
     * @param viewer the signed-in caller, or null for an anonymous guest
     */
    public Uni<ViewerTokenResponse> token(ViewerTokenRequest request, Caller viewer) {
        return find(request.username()).map(channel -> {
            IssuedToken token;
            boolean guest = viewer == null;
            if (!guest && viewer.id().equals(channel.creatorId)) {
                token = tokens.hostViewer(channel.creatorId, ChannelMapper.publicName(channel));
            } else if (!guest) {
                if (hasReservedIdentity(viewer.id())) {
                    throw new ApiException(403, "urn:streaming:problem:reserved-identity", "Forbidden",
                            "This account's id cannot join rooms as a viewer: it has the form of a host or guest identity");
                }
                token = tokens.viewer(channel.roomName(), viewer.id(), viewer.displayName(), Role.VIEWER,
                        ChatRules.mayChat(channel, true));
            } else {
                token = tokens.viewer(channel.roomName(), "guest-" + UUID.randomUUID(), guestName(request.name()),
                        Role.GUEST, ChatRules.mayChat(channel, false));
            }
            return new ViewerTokenResponse(token.token(), clientUrl, channel.roomName(), token.identity(), token.name(),
                    guest, token.expiresAt(), token.canPublishData(), channel.chatEnabled, channel.chatDelayed,
                    channel.chatFollowersOnly);
        });
    }

    /** {@code Host-<id>} is the creator's own viewer identity and {@code guest-} is ours for guests: nobody else's. */
    static boolean hasReservedIdentity(String viewerId) {
        String lower = viewerId.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("host-") || lower.startsWith("guest-");
    }

    private Uni<StreamChannel> find(String username) {
        String name = username == null ? "" : username.strip();
        if (name.isEmpty()) {
            throw ApiException.badRequest("username is required");
        }
        return channels.findByUsername(name)
                .chain(found -> found != null ? Uni.createFrom().item(found) : channels.findById(name))
                .onItem().ifNull().failWith(() -> ApiException.notFound("Stream '" + name + "'"));
    }

    /** A guest's chosen name without control characters, or "Guest-xxxx". */
    private String guestName(String requested) {
        if (requested != null) {
            String cleaned = requested.replaceAll("\\p{Cntrl}", "").strip();
            if (!cleaned.isEmpty()) {
                return cleaned;
            }
        }
        byte[] suffix = new byte[2];
        random.nextBytes(suffix);
        return "Guest-" + HexFormat.of().formatHex(suffix);
    }
}
