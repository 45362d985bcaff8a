package io.streamingcompanion.streamtoken.livekit;

import io.livekit.server.AccessToken;
import io.livekit.server.CanPublish;
import io.livekit.server.CanPublishData;
import io.livekit.server.CanSubscribe;
import io.livekit.server.CanUpdateOwnMetadata;
import io.livekit.server.IngressAdmin;
import io.livekit.server.RoomAdmin;
import io.livekit.server.RoomJoin;
import io.livekit.server.RoomName;
import io.livekit.server.VideoGrant;
import io.streamingcompanion.streamtoken.config.LiveKitConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Signs LiveKit access tokens with the LiveKit server SDK ({@link AccessToken}): HS256 with the API secret,
 * {@code iss} = API key, {@code sub} = participant identity, grants in the {@code video} claim. Each kind of
 * participant gets exactly the grants it needs; the participant's role is also set as the token attribute
 * {@value #ROLE_ATTRIBUTE}, which participants cannot change (no {@code canUpdateOwnMetadata}).
 */
@ApplicationScoped
public class LiveKitTokens {

    public static final String ROLE_ATTRIBUTE = "role";

    /** Who a participant is in a creator's room. */
    public enum Role {
        CREATOR("creator"), HOST("host"), VIEWER("viewer"), GUEST("guest");

        private final String wireName;

        Role(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** A signed token and what it says, for the API response. */
    public record IssuedToken(String token, String identity, String name, Instant expiresAt, boolean canPublish,
                              boolean canPublishData) {
    }

    private final LiveKitConfig config;
    private final Clock clock = Clock.systemUTC();

    public LiveKitTokens(LiveKitConfig config) {
        this.config = config;
    }

    /** The creator publishing from the browser: join their room, publish media and data, subscribe. */
    public IssuedToken creatorPublisher(String creatorId, String name) {
        return participant(creatorId, name, Role.CREATOR, creatorId, true, true, config.token().publisherTtl());
    }

    /** The creator watching their own room ({@code Host-<id>}): no media publish, may chat. */
    public IssuedToken hostViewer(String creatorId, String name) {
        return participant(creatorId, name, Role.HOST, "Host-" + creatorId, false, true,
                config.token().hostViewerTtl());
    }

    /** A viewer or guest: subscribe only; data (chat) publish only when the channel's chat settings allow it. */
    public IssuedToken viewer(String room, String identity, String name, Role role, boolean canPublishData) {
        return participant(room, name, role, identity, false, canPublishData, config.token().viewerTtl());
    }

    /** This service's own token for IngressService calls. */
    public String ingressAdmin() {
        return admin(List.of(new IngressAdmin(true)));
    }

    /** This service's own token for RoomService calls on one room (LiveKit requires roomAdmin for that room). */
    public String roomAdmin(String room) {
        return admin(List.of(new RoomAdmin(true), new RoomName(room)));
    }

    private IssuedToken participant(String room, String name, Role role, String identity, boolean canPublish,
                                    boolean canPublishData, Duration ttl) {
        Instant expiresAt = clock.instant().plus(ttl).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        AccessToken token = new AccessToken(config.apiKey(), config.apiSecret());
        token.setIdentity(identity);
        if (name != null && !name.isBlank()) {
            token.setName(name);
        }
        token.setExpiration(Date.from(expiresAt));
        token.getAttributes().put(ROLE_ATTRIBUTE, role.wireName());
        token.addGrants(new RoomJoin(true), new RoomName(room), new CanPublish(canPublish), new CanSubscribe(true),
                new CanPublishData(canPublishData), new CanUpdateOwnMetadata(false));
        return new IssuedToken(token.toJwt(), identity, name, expiresAt, canPublish, canPublishData);
    }

    private String admin(List<VideoGrant> grants) {
        AccessToken token = new AccessToken(config.apiKey(), config.apiSecret());
        token.setExpiration(Date.from(clock.instant().plus(config.token().adminTtl())));
        token.addGrants(grants);
        return token.toJwt();
    }
}
