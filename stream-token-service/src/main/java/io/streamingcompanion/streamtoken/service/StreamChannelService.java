package io.streamingcompanion.streamtoken.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.problem.ApiException;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.outbox.DatabaseErrors;
import io.streamingcompanion.outbox.EventOutbox;
import io.streamingcompanion.outbox.Transactions;
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
import java.util.Locale;
import java.util.Set;

/**
 * The creator's channel: created on first use, edited by its creator, and taken live or offline from the browser.
 * Live changes are written with their {@code streaming.stream.live-changed} event in one transaction; the channel
 * row is locked for the transaction so that API calls and webhooks change one channel one at a time.
 */
@ApplicationScoped
public class StreamChannelService {

    /** Names that are routes, roles or would mislead viewers. */
    private static final Set<String> RESERVED_USERNAMES = Set.of("admin", "administrator", "api", "watch", "overlay",
            "streaming", "stream", "dev", "internal", "q", "login", "logout", "settings", "dashboard", "help",
            "support", "about", "host", "guest", "system", "moderator", "staff", "official", "root");

    private final StreamChannelRepository channels;
    private final EventOutbox outbox;
    private final Transactions transactions;
    private final LiveKitTokens tokens;
    private final RoomPermissions roomPermissions;
    private final String clientUrl;
    private final Clock clock = Clock.systemUTC();
    /** Creator id to what a token names: read per token request otherwise, and it almost never changes. */
    private final Cache<String, TokenSubject> tokenSubjects;

    private record TokenSubject(String room, String publicName) {
    }

    public StreamChannelService(StreamChannelRepository channels, EventOutbox outbox, Transactions transactions,
                                LiveKitTokens tokens, RoomPermissions roomPermissions, LiveKitConfig config) {
        this.channels = channels;
        this.outbox = outbox;
        this.transactions = transactions;
        this.tokens = tokens;
        this.roomPermissions = roomPermissions;
        this.clientUrl = LiveKitUrls.client(config);
        this.tokenSubjects = Caffeine.newBuilder()
                .expireAfterWrite(config.token().channelCacheTtl())
                .maximumSize(100_000)
                .build();
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
        return tokenSubject(creator).map(subject -> ChannelMapper.toTokenResponse(
                tokens.creatorPublisher(creator.id(), subject.publicName()), clientUrl, subject.room()));
    }

    /** The creator watching their own room as {@code Host-<id>}, without publishing media. */
    public Uni<TokenResponse> hostViewerToken(Caller creator) {
        return tokenSubject(creator).map(subject -> ChannelMapper.toTokenResponse(
                tokens.hostViewer(creator.id(), subject.publicName()), clientUrl, subject.room()));
    }

    /**
     * Tokens only need the channel's room and public name, so once the channel exists they take no lock, open
     * no write transaction and, while cached, do not read the row at all: a page asking for tokens never
     * queues behind webhooks or other writers. Only the very first request creates the channel, under the lock.
     */
    private Uni<TokenSubject> tokenSubject(Caller creator) {
        TokenSubject cached = tokenSubjects.getIfPresent(creator.id());
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return channels.findOwned(creator.id())
                .chain(existing -> existing != null ? Uni.createFrom().item(existing)
                        : transactions.runCreatingOnce(() -> lockOrCreate(creator)))
                .map(channel -> {
                    TokenSubject subject = new TokenSubject(channel.roomName(), ChannelMapper.publicName(channel));
                    tokenSubjects.put(creator.id(), subject);
                    return subject;
                });
    }

    /**
     * Gives the caller's channel this username, which viewers then find it by. A username is claimed explicitly,
     * never taken from a token: otherwise whoever signs in first with someone's name would get their viewers.
     */
    public Uni<ChannelResponse> claimUsername(Caller creator, String username) {
        String wanted = username.strip();
        String lower = wanted.toLowerCase(Locale.ROOT);
        if (RESERVED_USERNAMES.contains(lower) || lower.startsWith("host-") || lower.startsWith("guest-")) {
            throw ApiException.conflict("username-reserved", "The username '" + wanted + "' is reserved");
        }
        return transactions.runCreatingOnce(() -> lockOrCreate(creator).chain(channel ->
                        channels.usernameAvailable(wanted, channel.creatorId).chain(available -> {
                            if (!available) {
                                throw usernameTaken(wanted);
                            }
                            channel.username = wanted;
                            channel.updatedAt = now();
                            return channels.persistAndFlush(channel);
                        })))
                // Two creators claimed it at once: the unique index let one in, and the retry saw it taken.
                .onFailure(DatabaseErrors::isUniqueViolation).transform(failure -> usernameTaken(wanted))
                .invoke(channel -> tokenSubjects.invalidate(channel.creatorId))
                .map(ChannelMapper::toOwnerResponse);
    }

    /** The caller's channel, locked for this transaction, created on first use. Call inside a transaction. */
    public Uni<StreamChannel> lockOrCreate(Caller creator) {
        return channels.lockOwned(creator.id()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(existing);
            }
            Instant now = now();
            StreamChannel channel = new StreamChannel();
            channel.creatorId = creator.id();
            channel.mode = StreamMode.WEBRTC;
            channel.chatEnabled = true;
            channel.createdAt = now;
            channel.updatedAt = now;
            // Only a default title: the token's name identifies nobody to viewers until it is claimed.
            channel.title = defaultTitle(creator.preferredUsername() != null && !creator.preferredUsername().isBlank()
                    ? creator.preferredUsername().strip() : ChannelMapper.publicName(channel));
            Log.infof("Created the stream channel of creator %s", channel.creatorId);
            return channels.persistAndFlush(channel);
        });
    }

    private static ApiException usernameTaken(String username) {
        return ApiException.conflict("username-taken", "The username '" + username + "' is taken");
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
