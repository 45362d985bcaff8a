package io.streamingcompanion.streamtoken.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.streamtoken.domain.StreamChannel;
import io.streamingcompanion.streamtoken.livekit.LiveKitApi;
import io.streamingcompanion.streamtoken.livekit.LiveKitTokens;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitRoom.UpdateParticipantRequest;

/**
 * Applies a channel's chat settings to viewers already in its room: LiveKit checks a token's grants only when a
 * participant connects, so a changed setting is pushed with RoomService.UpdateParticipant (canPublishData).
 * Best effort: the setting is saved whatever LiveKit says, and new tokens enforce it in any case.
 */
@ApplicationScoped
public class RoomPermissions {

    private final LiveKitApi liveKit;

    public RoomPermissions(LiveKitApi liveKit) {
        this.liveKit = liveKit;
    }

    /** Starts the update and returns at once; the outcome is logged. */
    public void applyChatRules(StreamChannel channel) {
        String room = channel.roomName();
        boolean signedInMayChat = ChatRules.mayChat(channel, true);
        boolean guestsMayChat = ChatRules.mayChat(channel, false);
        liveKit.listParticipants(room)
                .chain(participants -> update(room, channel, participants, signedInMayChat, guestsMayChat))
                .subscribe().with(
                        updated -> Log.infof("Chat settings of room %s applied to %d participant(s)", room, updated),
                        failure -> Log.infof("Chat settings of room %s not pushed to LiveKit (%s); new tokens carry them",
                                room, failure.getMessage()));
    }

    private Uni<Integer> update(String room, StreamChannel channel, List<ParticipantInfo> participants,
                                boolean signedInMayChat, boolean guestsMayChat) {
        List<Uni<ParticipantInfo>> updates = participants.stream()
                .filter(participant -> isViewer(channel, participant))
                .filter(participant -> participant.getPermission().getCanPublishData()
                        != (isGuest(participant) ? guestsMayChat : signedInMayChat))
                .map(participant -> liveKit.updateParticipant(UpdateParticipantRequest.newBuilder()
                        .setRoom(room)
                        .setIdentity(participant.getIdentity())
                        .setPermission(participant.getPermission().toBuilder()
                                .setCanPublishData(isGuest(participant) ? guestsMayChat : signedInMayChat))
                        .build()))
                .toList();
        if (updates.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Uni.join().all(updates).andCollectFailures().map(List::size);
    }

    /** A participant whose chat rights the channel settings govern: not the creator, the host viewer or an ingress. */
    public static boolean isViewer(StreamChannel channel, ParticipantInfo participant) {
        if (participant.getKind() != ParticipantInfo.Kind.STANDARD) {
            return false;
        }
        String identity = participant.getIdentity();
        if (identity.equals(channel.creatorId) || identity.equals(channel.hostViewerIdentity())) {
            return false;
        }
        String role = participant.getAttributesMap().get(LiveKitTokens.ROLE_ATTRIBUTE);
        return !LiveKitTokens.Role.CREATOR.wireName().equals(role) && !LiveKitTokens.Role.HOST.wireName().equals(role);
    }

    private static boolean isGuest(ParticipantInfo participant) {
        return LiveKitTokens.Role.GUEST.wireName().equals(participant.getAttributesMap().get(LiveKitTokens.ROLE_ATTRIBUTE));
    }
}
