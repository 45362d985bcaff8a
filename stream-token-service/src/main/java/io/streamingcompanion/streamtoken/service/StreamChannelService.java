package io.streamingcompanion.streamtoken.service;

import io.streamingcompanion.outbox.Transactions;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.problem.ApiException;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.outbox.EventOutbox;
import io.streamingcompanion.streamtoken.config.LiveKitConfig;
import io.streamingcompanion.streamtoken.domain.LiveSource;
import io.streamingcompanion.streamtoken.domain.StreamChannel;
import io.streamingcompanion.streamtoken.domain.StreamMode;
import io.streamingcompanion.streamtoken.livekit.LiveKitTokens;
import io.streamingcompanion.streamtoken.livekit.LiveKitUrls;
import io.streamingcompanion.streamtoken.mapping.ChannelMapper;
import io.streamingcompanion.streamtoken.repository.StreamChannelRepository;
import io.streamingcompanion.streamtoken.rest.StreamApi.ChannelResponse;
import io.streamingcompanion.streamtoken.rest.StreamApi.TokenResponse;
import io.streamingcompanion.streamtoken.rest.StreamApi.UpdateChannelRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The creator's channel: created on first use, edited by its creator, and taken live or offline from the browser.
 * Live changes are written with their {@code streaming.stream.live-changed} event in one transaction; the channel
 * row is locked for the transaction so that API calls and webhooks change one channel one at a time.
 */
@ApplicationScoped
public class StreamChannelService {

    private final StreamChannelRepository channels;
    private final EventOutbox outbox;
    private final Transactions transactions;
    private final LiveKitTokens tokens;
    private final RoomPermissions roomPermissions;
    private final String clientUrl;
    private final Clock clock = Clock.systemUTC();

    public StreamChannelService(StreamChannelRepository channels, EventOutbox outbox, Transactions transactions,
                                LiveKitTokens tokens, RoomPermissions roomPermissions, LiveKitConfig config) {
        this.channels = channels;
        this.outbox = outbox;
        this.transactions = transactions;
        this.tokens = tokens;
        this.roomPermissions = roomPermissions;
        this.clientUrl = LiveKitUrls.client(config);
    }

    public Uni<ChannelResponse> get(Caller creator) {
        return transactions.runCreatingOnce(() -> lockOrCreate(creator)).map(ChannelMapper::toOwnerResponse);
    }

    public Uni<ChannelResponse> update(Caller creator, UpdateChannelRequest request) {
        boolean[] chatChanged = new boolean[1];
        return transactions.runCreatingOnce(() -> lockOrCreate(creator).map(channel -> {
            if (request.title() != null) {
                channel.title = request.title().strip();
            }
            if (request.description() != null) {
                channel.description = blankToNull(request.description());
            }
            if (request.thumbnail() != null) {
                channel.thumbnail = blankToNull(request.thumbnail());
            }
            boolean before = channel.chatEnabled;
            boolean followersBefore = channel.chatFollowersOnly;
            if (request.isChatEnabled() != null) {
                channel.chatEnabled = request.isChatEnabled();
            }
            if (request.isChatDelayed() != null) {
                channel.chatDelayed = request.isChatDelayed();
            }
            if (request.isChatFollowersOnly() != null) {
                channel.chatFollowersOnly = request.isChatFollowersOnly();
            }
            chatChanged[0] = before != channel.chatEnabled || followersBefore != channel.chatFollowersOnly;
            channel.updatedAt = now();
            return channel;
        })).invoke(channel -> {
            if (chatChanged[0]) {
                // Tokens issued from now on carry the new rule; viewers already in the room get it from LiveKit.
                roomPermissions.applyChatRules(channel);
            }
        }).map(ChannelMapper::toOwnerResponse);
    }

    public Uni<ChannelResponse> startBrowser(Caller creator) {
        return transactions.runCreatingOnce(() -> lockOrCreate(creator).call(channel -> {
            if (channel.live) {
                if (channel.liveSource == LiveSource.INGRESS) {
                    throw ApiException.conflict("live-from-ingress", "The stream is live from OBS (" + channel.mode
                            + " ingress); stop it in OBS before going live from the browser");
                }
                return Uni.createFrom().voidItem();
            }
            Instant now = now();
            channel.goLive(LiveSource.BROWSER, StreamMode.WEBRTC, now);
            Log.infof("Creator %s is live from the browser", channel.creatorId);
            return outbox.record(EventTypes.STREAM_LIVE_CHANGED, channel.creatorId, channel.creatorId,
                    ChannelMapper.liveChanged(channel, StreamMode.WEBRTC, ChannelMapper.CAUSE_BROWSER, now));
        })).map(ChannelMapper::toOwnerResponse);
    }

    public Uni<ChannelResponse> stopBrowser(Caller creator) {
        return transactions.runCreatingOnce(() -> lockOrCreate(creator).call(channel -> {
            if (!channel.live) {
                return Uni.createFrom().voidItem();
            }
            if (channel.liveSource == LiveSource.INGRESS) {
                throw ApiException.conflict("live-from-ingress", "The stream is live from OBS (" + channel.mode
                        + " ingress), not from the browser; stop it in OBS or delete the ingress");
            }
            Instant now = now();
            channel.goOffline(now);
            Log.infof("Creator %s stopped the browser stream", channel.creatorId);
            return outbox.record(EventTypes.STREAM_LIVE_CHANGED, channel.creatorId, channel.creatorId,
                    ChannelMapper.liveChanged(channel, StreamMode.WEBRTC, ChannelMapper.CAUSE_BROWSER, now));
        })).map(ChannelMapper::toOwnerResponse);
    }

    /** The creator's publish token for their own room (seed 000's creator WebRTC token). */
    public Uni<TokenResponse> publisherToken(Caller creator) {
        return transactions.runCreatingOnce(() -> lockOrCreate(creator)).map(channel -> ChannelMapper.toTokenResponse(
                tokens.creatorPublisher(channel.creatorId, ChannelMapper.publicName(channel)), clientUrl,
                channel.roomName()));
    }

    /** The creator watching their own room as {@code Host-<id>}, without publishing media. */
    public Uni<TokenResponse> hostViewerToken(Caller creator) {
        return transactions.runCreatingOnce(() -> lockOrCreate(creator)).map(channel -> ChannelMapper.toTokenResponse(
                tokens.hostViewer(channel.creatorId, ChannelMapper.publicName(channel)), clientUrl,
                channel.roomName()));
    }

    /**
     * The caller's channel, locked for this transaction, created on first use. The token's
     * {@code preferred_username} becomes the channel's username when the channel has none yet and no other
     * channel uses it (as a username or a creator id). Call inside a transaction.
     */
    public Uni<StreamChannel> lockOrCreate(Caller creator) {
        return channels.lockOwned(creator.id()).chain(existing -> {
            if (existing != null) {
                if (existing.username != null || creator.preferredUsername() == null) {
                    return Uni.createFrom().item(existing);
                }
                return claimUsername(existing, creator.preferredUsername()).replaceWith(existing);
            }
            Instant now = now();
            StreamChannel channel = new StreamChannel();
            channel.creatorId = creator.id();
            channel.mode = StreamMode.WEBRTC;
            channel.chatEnabled = true;
            channel.createdAt = now;
            channel.updatedAt = now;
            Uni<Void> named = creator.preferredUsername() == null ? Uni.createFrom().voidItem()
                    : claimUsername(channel, creator.preferredUsername());
            return named.chain(() -> {
                channel.title = defaultTitle(ChannelMapper.publicName(channel));
                Log.infof("Created the stream channel of creator %s", channel.creatorId);
                return channels.persistAndFlush(channel);
            });
        });
    }

    private Uni<Void> claimUsername(StreamChannel channel, String preferredUsername) {
        String username = preferredUsername.strip();
        if (username.isEmpty() || username.length() > 255 || username.equals(channel.creatorId)) {
            return Uni.createFrom().voidItem();
        }
        return channels.usernameAvailable(username, channel.creatorId).invoke(available -> {
            if (available) {
                channel.username = username;
            } else {
                Log.infof("Username of creator %s is taken by another channel; viewers find it by creator id",
                        channel.creatorId);
            }
        }).replaceWithVoid();
    }

    private static String defaultTitle(String name) {
        String title = name + "'s stream";
        return title.length() <= 200 ? title : title.substring(0, 200);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
