package io.streamingcompanion.tip.connector;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.problem.ApiException;
import io.streamingcompanion.outbox.Transactions;
import io.streamingcompanion.tip.connector.PlatformConnectionRepository.Holder;
import io.streamingcompanion.tip.repository.TipSessionRepository;
import io.streamingcompanion.tip.service.TipService;
import io.streamingcompanion.tip.service.TipService.PlatformTip;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Applies one feed page, in order. Tips are recorded here (this service owns them) in the transaction that
 * also advances the feed's position, so a page's tips and its position commit together: a replayed page finds
 * its tips recorded (by externalId) and a poller that dies resumes at the last committed position. A broadcast
 * start or stop first commits the tips before it, then opens or ends the session in session-service (whose
 * own rule keeps one active session). Chat, viewer counts and highlight animations follow the commit, best effort.
 */
@ApplicationScoped
public class FeedPageApplier {

    private static final Duration ANIMATION_RETRY_BASE = Duration.ofMillis(250);
    private static final Duration ANIMATION_RETRY_MAX = Duration.ofSeconds(2);

    /** The poller's view of the room between pages: its session and who is in it. */
    public static final class Room {
        UUID sessionId;
        final Set<String> viewers = new HashSet<>();
        boolean viewersChanged;
        /**
         * Highlights this poller already sent: a feed repeating itself (overlapping pages) costs no second call.
         * Only a saving: goal-menu-service's idempotency key is what makes a highlight fire once after a restart.
         */
        final Set<String> highlightsSent = Collections.newSetFromMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > 512;
            }
        });
    }

    /** The poller no longer holds the feed (lease lost, or the creator changed the connection). */
    public static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super(null, null, false, false);
        }
    }

    private final TipService tips;
    private final TipSessionRepository tipSessions;
    private final PlatformConnectionRepository connections;
    private final InternalSessionClient sessionService;
    private final InternalChatbotClient chatbot;
    private final InternalAnimationClient animations;
    private final Transactions transactions;
    private final MeterRegistry metrics;

    public FeedPageApplier(TipService tips, TipSessionRepository tipSessions, PlatformConnectionRepository connections,
                           @RestClient InternalSessionClient sessionService, @RestClient InternalChatbotClient chatbot,
                           @RestClient InternalAnimationClient animations, Transactions transactions, MeterRegistry metrics) {
        this.tips = tips;
        this.tipSessions = tipSessions;
        this.connections = connections;
        this.sessionService = sessionService;
        this.chatbot = chatbot;
        this.animations = animations;
        this.transactions = transactions;
        this.metrics = metrics;
    }

    /** @param sealedNextUrl the page's nextUrl, encrypted for the row */
    public Uni<Void> apply(Holder holder, FeedPage page, String sealedNextUrl, Room room) {
        // A feed may repeat an event within a page as well as across pages: the first copy counts.
        Map<String, FeedEvent> unique = new LinkedHashMap<>();
        page.events().forEach(event -> unique.putIfAbsent(event.id(), event));
        List<FeedEvent.ChatMessage> chat = new ArrayList<>();
        List<FeedEvent.Highlight> highlights = new ArrayList<>();
        List<PlatformTip> pending = new ArrayList<>();
        Uni<Void> steps = Uni.createFrom().voidItem();
        for (FeedEvent event : unique.values()) {
            metrics.counter("connector.events", "platform", holder.platform(), "method", methodTag(event)).increment();
            if (event instanceof FeedEvent.Tip tip) {
                pending.add(new PlatformTip(tip.id(), tip.amountCents(), tip.tipperName(), tip.message()));
            } else if (event instanceof FeedEvent.BroadcastStarted) {
                List<PlatformTip> before = List.copyOf(pending);
                pending.clear();
                steps = steps.chain(() -> commitTips(holder, room, before, null, false))
                        .invoke(() -> {
                            room.viewers.clear();
                            room.viewersChanged = true;
                        })
                        .chain(() -> session(holder, room)).replaceWithVoid();
            } else if (event instanceof FeedEvent.BroadcastStopped) {
                List<PlatformTip> before = List.copyOf(pending);
                pending.clear();
                steps = steps.chain(() -> commitTips(holder, room, before, null, false))
                        .chain(() -> sessionService.endActive(new InternalSessionClient.EndActive(holder.creatorId(), holder.platform())))
                        .invoke(() -> {
                            room.sessionId = null;
                            room.viewers.clear();
                            room.viewersChanged = false;
                        }).replaceWithVoid();
            } else if (event instanceof FeedEvent.ViewerEntered entered && entered.username() != null) {
                // In turn with the broadcast steps above, which reset the room.
                steps = steps.invoke(() -> room.viewersChanged |= room.viewers.add(entered.username()));
            } else if (event instanceof FeedEvent.ViewerLeft left && left.username() != null) {
                steps = steps.invoke(() -> room.viewersChanged |= room.viewers.remove(left.username()));
            } else if (event instanceof FeedEvent.ChatMessage message && message.username() != null && message.message() != null) {
                chat.add(message);
            } else if (event instanceof FeedEvent.Highlight highlight) {
                highlights.add(highlight);
            } else if (event instanceof FeedEvent.Unknown unknown) {
                Log.debugf("%s sent an event of unknown method %s", holder.platform(), unknown.method());
            }
        }
        List<PlatformTip> last = List.copyOf(pending);
        return steps.chain(() -> commitTips(holder, room, last, sealedNextUrl, !unique.isEmpty()))
                .chain(() -> afterCommit(holder, room, chat))
                .chain(() -> animate(holder, room, highlights));
    }

    /**
     * Records the tips (opening a session if none is known) and, when {@code sealedNextUrl} is given, advances
     * the position, in one transaction. A session ended meanwhile (404/409 from the tip path) is looked up once more.
     */
    private Uni<Void> commitTips(Holder holder, Room room, List<PlatformTip> found, String sealedNextUrl, boolean hadEvents) {
        if (found.isEmpty() && sealedNextUrl == null) {
            return Uni.createFrom().voidItem();
        }
        return commitOnce(holder, room, found, sealedNextUrl, hadEvents)
                .onFailure(failure -> failure instanceof ApiException api && (api.status() == 404 || api.status() == 409))
                .recoverWithUni(() -> {
                    room.sessionId = null;
                    return commitOnce(holder, room, found, sealedNextUrl, hadEvents);
                });
    }

    private Uni<Void> commitOnce(Holder holder, Room room, List<PlatformTip> found, String sealedNextUrl, boolean hadEvents) {
        Uni<UUID> session = found.isEmpty() ? Uni.createFrom().nullItem() : session(holder, room);
        return session.chain(sessionId -> transactions.run(() -> {
            Uni<Integer> recorded = sessionId == null ? Uni.createFrom().item(0)
                    : tips.recordPlatformTips(holder.creatorId(), sessionId, found);
            return recorded.call(count -> {
                if (count > 0) {
                    metrics.counter("connector.tips.recorded", "platform", holder.platform()).increment(count);
                }
                return sealedNextUrl == null ? Uni.createFrom().voidItem()
                        : connections.advance(holder, sealedNextUrl, hadEvents).invoke(updated -> {
                            if (updated == 0) {
                                throw new LeaseLost();
                            }
                        });
            });
        })).replaceWithVoid();
    }

    /** The creator's live session: the one known, else session-service's active one (opened for the platform if none). */
    private Uni<UUID> session(Holder holder, Room room) {
        if (room.sessionId != null) {
            return Uni.createFrom().item(room.sessionId);
        }
        return sessionService.ensureActive(new InternalSessionClient.EnsureActive(holder.creatorId(), holder.platform(),
                        "Live on " + holder.platform()))
                .call(view -> Panache.withTransaction(() -> tipSessions.insertIfAbsent(view.id(), holder.creatorId(), true)))
                .map(view -> {
                    room.sessionId = view.id();
                    return view.id();
                });
    }

    /** Chat to the personas and the viewer count: useful, not money; a failure is logged and the feed goes on. */
    private Uni<Void> afterCommit(Holder holder, Room room, List<FeedEvent.ChatMessage> chat) {
        UUID sessionId = room.sessionId;
        if (sessionId == null) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> calls = new ArrayList<>();
        for (FeedEvent.ChatMessage message : chat) {
            calls.add(chatbot.message(new InternalChatbotClient.ChatLine(holder.creatorId(), sessionId,
                            message.username().length() > 64 ? message.username().substring(0, 64) : message.username(),
                            message.message()))
                    .replaceWithVoid()
                    .onFailure().recoverWithUni(failure -> bestEffortFailed("chat", holder)));
        }
        if (room.viewersChanged) {
            room.viewersChanged = false;
            calls.add(sessionService.viewers(new InternalSessionClient.Viewers(holder.creatorId(), room.viewers.size()))
                    .replaceWithVoid()
                    .onFailure().recoverWithUni(failure -> bestEffortFailed("viewers", holder)));
        }
        return calls.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(calls).usingConcurrencyOf(4).andFailFast().replaceWithVoid();
    }

    /**
     * Follows, fan-club joins and media purchases play the animation the creator chose for them (read per page, so
     * a change applies at once) on her live session, through goal-menu-service. Sent after the commit, best effort,
     * in feed order; the key {@code <platform>/<event id>} makes goal-menu-service fire each one once, also when a
     * page is replayed after a restart. A session not announced there yet (503) is asked again a few times.
     */
    private Uni<Void> animate(Holder holder, Room room, List<FeedEvent.Highlight> highlights) {
        List<FeedEvent.Highlight> fresh = highlights.stream().filter(highlight -> !room.highlightsSent.contains(highlight.id())).toList();
        if (fresh.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connections.findOwned(holder.creatorId(), holder.platform()).chain(connection -> {
            Uni<Void> calls = Uni.createFrom().voidItem();
            for (FeedEvent.Highlight highlight : fresh) {
                String type = connection == null ? PlatformConnection.ANIMATION_OFF : connection.animationFor(highlight.kind());
                if (PlatformConnection.ANIMATION_OFF.equals(type)) {
                    room.highlightsSent.add(highlight.id());
                    continue;
                }
                InternalAnimationClient.PlatformAnimation animation = new InternalAnimationClient.PlatformAnimation(
                        holder.creatorId(), room.sessionId, holder.platform() + "/" + highlight.id(), holder.platform(),
                        highlight.kind(), highlight.username(), type);
                calls = calls.chain(() -> animations.fire(animation)
                        .onFailure(FeedPageApplier::notKnownYet).retry().withBackOff(ANIMATION_RETRY_BASE, ANIMATION_RETRY_MAX).atMost(4)
                        .invoke(response -> {
                            room.highlightsSent.add(highlight.id());
                            if (response.getStatus() == 202) {
                                metrics.counter("connector.animations", "platform", holder.platform(), "event", highlight.kind()).increment();
                            }
                        })
                        .replaceWithVoid()
                        .onFailure().recoverWithUni(failure -> bestEffortFailed("animation", holder)));
            }
            return calls;
        }).onFailure().recoverWithUni(failure -> bestEffortFailed("animation", holder));
    }

    private static boolean notKnownYet(Throwable failure) {
        return failure instanceof WebApplicationException web && web.getResponse().getStatus() == 503;
    }

    private Uni<Void> bestEffortFailed(String what, Holder holder) {
        metrics.counter("connector.forward.failures", "platform", holder.platform(), "what", what).increment();
        Log.warnf("Could not forward %s of %s's %s feed", what, holder.creatorId(), holder.platform());
        return Uni.createFrom().voidItem();
    }

    private static String methodTag(FeedEvent event) {
        if (event instanceof FeedEvent.Highlight highlight) {
            return highlight.kind();
        }
        if (event instanceof FeedEvent.Ignored ignored) {
            return ignored.method();
        }
        return event instanceof FeedEvent.Tip ? "tip"
                : event instanceof FeedEvent.BroadcastStarted ? "broadcastStart"
                : event instanceof FeedEvent.BroadcastStopped ? "broadcastStop"
                : event instanceof FeedEvent.ViewerEntered ? "userEnter"
                : event instanceof FeedEvent.ViewerLeft ? "userLeave"
                : event instanceof FeedEvent.ChatMessage ? "chatMessage"
                : "unknown";
    }
}
