package io.streamingcompanion.streamtoken.service;

import io.streamingcompanion.outbox.Transactions;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.problem.ApiException;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.outbox.EventOutbox;
import io.streamingcompanion.streamtoken.domain.IngressType;
import io.streamingcompanion.streamtoken.domain.LiveSource;
import io.streamingcompanion.streamtoken.domain.StreamChannel;
import io.streamingcompanion.streamtoken.domain.StreamMode;
import io.streamingcompanion.streamtoken.livekit.LiveKitApi;
import io.streamingcompanion.streamtoken.mapping.ChannelMapper;
import io.streamingcompanion.streamtoken.rest.StreamApi.IngressResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import livekit.LivekitIngress.CreateIngressRequest;
import livekit.LivekitIngress.IngressInfo;

/**
 * OBS ingress through LiveKit's Ingress API. The LiveKit calls run between two short transactions, never inside
 * one: read the channel, call LiveKit (non-blocking), then record the outcome. Creating (or resetting) makes the new
 * ingress first and only then deletes every other ingress of the creator's room, so either the new key works and
 * the old one is gone, or nothing changed (a new ingress whose predecessors could not be deleted is deleted again).
 */
@ApplicationScoped
public class IngressService {

    private final StreamChannelService channels;
    private final Transactions transactions;
    private final EventOutbox outbox;
    private final LiveKitApi liveKit;
    private final Clock clock = Clock.systemUTC();

    public IngressService(StreamChannelService channels, Transactions transactions, EventOutbox outbox,
                          LiveKitApi liveKit) {
        this.channels = channels;
        this.transactions = transactions;
        this.outbox = outbox;
        this.liveKit = liveKit;
    }

    public Uni<IngressResponse> create(Caller creator, String inputType) {
        IngressType type = inputType == null ? IngressType.RTMP : IngressType.parse(inputType)
                .orElseThrow(() -> ApiException.badRequest("inputType must be one of " + IngressType.VALUES));
        return replace(creator, channel -> type);
    }

    /** A new ingress of the same type: new stream key (and URL); the old key stops working. */
    public Uni<IngressResponse> reset(Caller creator) {
        return replace(creator, channel -> {
            if (channel.ingressType == null) {
                throw ApiException.notFound("An ingress for this channel");
            }
            return channel.ingressType;
        });
    }

    /** Deletes the channel's ingress (and any other of its room) in LiveKit; nothing to do without one. */
    public Uni<Void> delete(Caller creator) {
        return transactions.runCreatingOnce(() -> channels.lockOrCreate(creator)).chain(channel -> {
            if (channel.ingressId == null) {
                return Uni.createFrom().voidItem();
            }
            return deleteAll(channel.roomName(), known(channel), null)
                    .chain(() -> transactions.runCreatingOnce(() -> channels.lockOrCreate(creator).call(current -> {
                        Instant now = now();
                        StreamMode wasLiveIn = current.liveMode();
                        boolean endsLive = current.live && current.liveSource == LiveSource.INGRESS;
                        current.clearIngress();
                        current.updatedAt = now;
                        Log.infof("Deleted the ingress of creator %s", current.creatorId);
                        return endsLive ? goOffline(current, wasLiveIn, now) : Uni.createFrom().voidItem();
                    })))
                    .replaceWithVoid();
        });
    }

    private Uni<IngressResponse> replace(Caller creator, java.util.function.Function<StreamChannel, IngressType> typeOf) {
        return transactions.runCreatingOnce(() -> channels.lockOrCreate(creator)).chain(channel -> {
            IngressType type = typeOf.apply(channel);
            Set<String> previous = known(channel);
            return liveKit.createIngress(request(channel, type)).chain(created ->
                    deleteAll(channel.roomName(), previous, created.getIngressId())
                            .onFailure().call(failure -> liveKit.deleteIngress(created.getIngressId())
                                    .onFailure().recoverWithNull())
                            .chain(() -> record(creator, type, created)));
        });
    }

    private Uni<IngressResponse> record(Caller creator, IngressType type, IngressInfo created) {
        return transactions.runCreatingOnce(() -> channels.lockOrCreate(creator).call(channel -> {
            Instant now = now();
            StreamMode wasLiveIn = channel.liveMode();
            boolean endsLive = channel.live && channel.liveSource == LiveSource.INGRESS;
            channel.ingressId = created.getIngressId();
            channel.ingressType = type;
            channel.serverUrl = created.getUrl();
            channel.streamKey = created.getStreamKey();
            channel.updatedAt = now;
            Log.infof("Created a %s ingress for creator %s", type, channel.creatorId);
            if (endsLive) {
                // The ingress it was live from has just been deleted.
                channel.mode = type.mode();
                return goOffline(channel, wasLiveIn, now);
            }
            if (!channel.live) {
                channel.mode = type.mode();
            }
            return Uni.createFrom().voidItem();
        })).map(ChannelMapper::toIngress);
    }

    private Uni<Void> goOffline(StreamChannel channel, StreamMode wasLiveIn, Instant now) {
        channel.goOffline(now);
        return outbox.record(EventTypes.STREAM_LIVE_CHANGED, channel.creatorId, channel.creatorId,
                ChannelMapper.liveChanged(channel, wasLiveIn, ChannelMapper.CAUSE_INGRESS, now)).replaceWithVoid();
    }

    /** Deletes every ingress of the room (and the ones the channel knows of), except {@code keep}. */
    private Uni<Void> deleteAll(String room, Set<String> known, String keep) {
        return liveKit.listIngress(room).chain(listed -> {
            Set<String> ids = new LinkedHashSet<>(known);
            listed.forEach(info -> ids.add(info.getIngressId()));
            if (keep != null) {
                ids.remove(keep);
            }
            if (ids.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            List<Uni<Void>> deletes = ids.stream().map(liveKit::deleteIngress).toList();
            return Uni.join().all(deletes).andFailFast().replaceWithVoid();
        });
    }

    private static Set<String> known(StreamChannel channel) {
        Set<String> ids = new LinkedHashSet<>();
        if (channel.ingressId != null) {
            ids.add(channel.ingressId);
        }
        return ids;
    }

    private static CreateIngressRequest request(StreamChannel channel, IngressType type) {
        CreateIngressRequest.Builder request = CreateIngressRequest.newBuilder()
                .setInputType(type.input())
                .setName(channel.creatorId + "-" + type.name().toLowerCase(java.util.Locale.ROOT))
                .setRoomName(channel.roomName())
                .setParticipantIdentity(channel.creatorId)
                .setParticipantName(ChannelMapper.publicName(channel));
        if (type == IngressType.WHIP) {
            // WHIP from OBS is already WebRTC: forward it as is (lowest latency); RTMP is always transcoded.
            request.setEnableTranscoding(false);
        }
        return request.build();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
