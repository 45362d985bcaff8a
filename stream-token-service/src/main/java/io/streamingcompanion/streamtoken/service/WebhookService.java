package io.streamingcompanion.streamtoken.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.outbox.DetachedWork;
import io.streamingcompanion.outbox.EventOutbox;
import io.streamingcompanion.outbox.Transactions;
import io.streamingcompanion.streamtoken.config.LiveKitConfig;
import io.streamingcompanion.streamtoken.domain.IngressType;
import io.streamingcompanion.streamtoken.domain.LiveSource;
import io.streamingcompanion.streamtoken.domain.StreamChannel;
import io.streamingcompanion.streamtoken.domain.StreamMode;
import io.streamingcompanion.streamtoken.domain.StreamViewer;
import io.streamingcompanion.streamtoken.mapping.ChannelMapper;
import io.streamingcompanion.streamtoken.repository.StreamChannelRepository;
import io.streamingcompanion.streamtoken.repository.StreamViewerRepository;
import io.streamingcompanion.streamtoken.repository.WebhookDeliveryRepository;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import livekit.LivekitIngress.IngressInfo;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitWebhook.WebhookEvent;

/**
 * Applies verified LiveKit webhooks, each exactly once (its id is recorded in the same transaction as its effect):
 * {@code ingress_started}/{@code ingress_ended} take the channel live/offline, {@code participant_joined}/
 * {@code participant_left} (viewers only: not the creator, the host viewer or an ingress) drive the viewer count,
 * {@code room_finished} ends a stream that was left live and empties the room. Other events are acknowledged.
 */
@ApplicationScoped
public class WebhookService {

    /** What became of a delivery. */
    public enum Outcome {
        APPLIED, DUPLICATE, IGNORED
    }

    private final StreamChannelRepository channels;
    private final StreamViewerRepository viewers;
    private final WebhookDeliveryRepository deliveries;
    private final EventOutbox outbox;
    private final Transactions transactions;
    private final LiveKitConfig config;
    private final Vertx vertx;
    private final Clock clock = Clock.systemUTC();

    public WebhookService(StreamChannelRepository channels, StreamViewerRepository viewers,
                          WebhookDeliveryRepository deliveries, EventOutbox outbox, Transactions transactions,
                          LiveKitConfig config,
                          Vertx vertx) {
        this.channels = channels;
        this.viewers = viewers;
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.transactions = transactions;
        this.config = config;
        this.vertx = vertx;
    }

    /** @param deliveryId LiveKit's event id (or, for an event without one, a digest of its body) */
    public Uni<Outcome> apply(WebhookEvent event, String deliveryId) {
        return transactions.run(() -> deliveries.firstDelivery(deliveryId, event.getEvent(), now())
                        .chain(first -> first ? dispatch(event) : Uni.createFrom().item(Outcome.DUPLICATE)))
                .invoke(outcome -> Log.debugf("LiveKit webhook %s (%s): %s", deliveryId, event.getEvent(), outcome));
    }

    private Uni<Outcome> dispatch(WebhookEvent event) {
        Instant at = eventTime(event);
        return switch (event.getEvent()) {
            case "ingress_started" -> ingressChannel(event.getIngressInfo())
                    .chain(channel -> channel == null ? ignored() : ingressStarted(channel, event.getIngressInfo(), at));
            case "ingress_ended" -> ingressChannel(event.getIngressInfo())
                    .chain(channel -> channel == null ? ignored() : ingressEnded(channel, event.getIngressInfo(), at));
            case "participant_joined" -> roomChannel(event)
                    .chain(channel -> channel == null ? ignored() : participant(channel, event.getParticipant(), true, at));
            case "participant_left", "participant_connection_aborted" -> roomChannel(event)
                    .chain(channel -> channel == null ? ignored() : participant(channel, event.getParticipant(), false, at));
            case "room_finished" -> roomChannel(event)
                    .chain(channel -> channel == null ? ignored() : roomFinished(channel, at));
            default -> ignored();
        };
    }

    private Uni<Outcome> ingressStarted(StreamChannel channel, IngressInfo ingress, Instant at) {
        if (channel.live) {
            return ignored();
        }
        StreamMode mode = IngressType.of(ingress.getInputType()).map(IngressType::mode).orElse(StreamMode.RTMP);
        channel.goLive(LiveSource.INGRESS, mode, now());
        Log.infof("Creator %s is live from OBS (%s ingress)", channel.creatorId, mode);
        return liveChanged(channel, mode, ChannelMapper.CAUSE_INGRESS, at);
    }

    private Uni<Outcome> ingressEnded(StreamChannel channel, IngressInfo ingress, Instant at) {
        if (!channel.live || channel.liveSource != LiveSource.INGRESS) {
            return ignored();
        }
        // An ingress we replaced (reset) took the channel offline then; its late "ended" must not end the new one.
        if (channel.ingressId != null && !channel.ingressId.equals(ingress.getIngressId())) {
            return ignored();
        }
        StreamMode mode = channel.liveMode();
        channel.goOffline(now());
        Log.infof("Creator %s stopped streaming from OBS", channel.creatorId);
        return liveChanged(channel, mode, ChannelMapper.CAUSE_INGRESS, at);
    }

    private Uni<Outcome> roomFinished(StreamChannel channel, Instant at) {
        Uni<Void> offline = Uni.createFrom().voidItem();
        boolean changed = false;
        if (channel.live) {
            StreamMode mode = channel.liveMode();
            channel.goOffline(now());
            Log.infof("Room of creator %s finished while live; the stream is ended", channel.creatorId);
            offline = outbox.record(EventTypes.STREAM_LIVE_CHANGED, channel.creatorId, channel.creatorId,
                    ChannelMapper.liveChanged(channel, mode, ChannelMapper.CAUSE_ROOM_FINISHED, at)).replaceWithVoid();
            changed = true;
        }
        boolean hadViewers = channel.viewerCount != 0;
        boolean anyChange = changed || hadViewers;
        return offline.chain(() -> viewers.clear(channel.creatorId)).chain(() -> {
            if (!hadViewers) {
                return Uni.createFrom().voidItem();
            }
            channel.viewerCount = 0;
            channel.updatedAt = now();
            return outbox.record(EventTypes.VIEWERS_UPDATED, channel.creatorId, channel.creatorId,
                    ChannelMapper.viewers(channel, at)).replaceWithVoid();
        }).replaceWith(anyChange ? Outcome.APPLIED : Outcome.IGNORED);
    }

    private Uni<Outcome> participant(StreamChannel channel, ParticipantInfo participant, boolean present, Instant at) {
        if (!RoomPermissions.isViewer(channel, participant) || participant.getIdentity().isEmpty()) {
            return ignored();
        }
        return viewers.find(channel.creatorId, participant.getIdentity()).chain(row -> {
            if (row == null) {
                StreamViewer viewer = new StreamViewer();
                viewer.creatorId = channel.creatorId;
                viewer.identity = participant.getIdentity();
                viewer.present = present;
                viewer.eventAt = at;
                return viewers.persist(viewer).replaceWithVoid();
            }
            // Webhooks may arrive out of order: only a newer event changes the row. createdAt has whole seconds, so
            // a join and a leave within one second resolve to "left" whichever came first.
            boolean newer = at.isAfter(row.eventAt) || (at.equals(row.eventAt) && !present);
            if (newer) {
                row.present = present;
                row.eventAt = at;
            }
            return Uni.createFrom().voidItem();
        }).chain(() -> viewers.flush()).chain(() -> viewers.countPresent(channel.creatorId)).chain(count -> {
            if (count == channel.viewerCount) {
                return ignored();
            }
            channel.viewerCount = count;
            channel.updatedAt = now();
            return outbox.record(EventTypes.VIEWERS_UPDATED, channel.creatorId, channel.creatorId,
                    ChannelMapper.viewers(channel, at)).replaceWith(Outcome.APPLIED);
        });
    }

    private Uni<Outcome> liveChanged(StreamChannel channel, StreamMode mode, String cause, Instant at) {
        return outbox.record(EventTypes.STREAM_LIVE_CHANGED, channel.creatorId, channel.creatorId,
                ChannelMapper.liveChanged(channel, mode, cause, at)).replaceWith(Outcome.APPLIED);
    }

    /** The channel an ingress event is about: its room is the creator id; else the channel that has the ingress. */
    private Uni<StreamChannel> ingressChannel(IngressInfo ingress) {
        if (!ingress.getRoomName().isEmpty()) {
            return channels.lockOwned(ingress.getRoomName());
        }
        if (ingress.getIngressId().isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return channels.findByIngressId(ingress.getIngressId())
                .chain(found -> found == null ? Uni.createFrom().nullItem() : channels.lockOwned(found.creatorId));
    }

    private Uni<StreamChannel> roomChannel(WebhookEvent event) {
        String room = event.getRoom().getName();
        return room.isEmpty() ? Uni.createFrom().nullItem() : channels.lockOwned(room);
    }

    private static Uni<Outcome> ignored() {
        return Uni.createFrom().item(Outcome.IGNORED);
    }

    /** When LiveKit says it happened (protobuf {@code createdAt}, Unix seconds), or now if it does not say. */
    private Instant eventTime(WebhookEvent event) {
        return event.getCreatedAt() > 0 ? Instant.ofEpochSecond(event.getCreatedAt()) : now();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Forgets applied webhook ids older than {@code livekit.webhook-retention}; LiveKit retries within minutes. */
    @Scheduled(every = "${livekit.webhook-cleanup-every}", delayed = "${livekit.webhook-cleanup-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetOldDeliveries() {
        Instant cutoff = clock.instant().minus(config.webhookRetention());
        DetachedWork.run(vertx, () -> Panache.withTransaction(() -> deliveries.forgetOlderThan(cutoff))
                .subscribe().with(
                        removed -> Log.debugf("Forgot %d applied LiveKit webhook ids", removed),
                        failure -> Log.warnf("Could not forget old LiveKit webhook ids: %s", failure.getMessage())));
    }
}
