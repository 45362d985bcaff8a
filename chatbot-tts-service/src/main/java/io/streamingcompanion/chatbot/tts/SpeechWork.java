package io.streamingcompanion.chatbot.tts;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.chatbot.config.ChatbotConfig;
import io.streamingcompanion.chatbot.tts.engine.SpeechEngine.SpeechAudio;
import io.streamingcompanion.chatbot.tts.engine.SynthesisPool;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.tts.TtsSynthesized;
import io.streamingcompanion.outbox.DetachedWork;
import io.streamingcompanion.outbox.EventOutbox;
import io.streamingcompanion.outbox.Transactions;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Synthesizes the clips tips left in {@code tts_clip}, across replicas: each claims, under row locks that the
 * others skip, only as many as its {@link SynthesisPool} has room for, synthesizes them off the event loop, and
 * publishes {@code streaming.tts.synthesized} in the transaction that marks the clip spoken, if its claim still
 * holds. So a clip is published once, a flood spreads over replicas and waits in the database rather than in
 * memory, a replica that dies mid-clip leaves it to another after the claim timeout, and what is still waiting
 * when its tip is older than the maximum delay is skipped (counted) rather than read out late.
 */
@ApplicationScoped
public class SpeechWork {

    private final TtsClipRepository clips;
    private final SynthesisPool pool;
    private final EventOutbox outbox;
    private final Transactions transactions;
    private final MeterRegistry metrics;
    private final Vertx vertx;
    private final Duration maxDelay;
    private final Duration claimTimeout;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final Clock clock = Clock.systemUTC();

    public SpeechWork(TtsClipRepository clips, SynthesisPool pool, EventOutbox outbox, Transactions transactions,
                      MeterRegistry metrics, Vertx vertx, ChatbotConfig config) {
        this.clips = clips;
        this.pool = pool;
        this.outbox = outbox;
        this.transactions = transactions;
        this.metrics = metrics;
        this.vertx = vertx;
        this.maxDelay = config.tts().maxDelay();
        this.claimTimeout = config.tts().claimTimeout();
    }

    /** Look for clips now (a tip was just committed, or a clip finished and made room). */
    public void kick() {
        if (!draining.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        DetachedWork.run(vertx, () -> claim().subscribe().with(claimed -> {
            draining.set(false);
            claimed.forEach(this::synthesize);
            if (again.get()) {
                kick();
            }
        }, failure -> {
            draining.set(false);
            Log.warnf("Text-to-speech clips could not be claimed: %s", failure.getMessage());
        }));
    }

    /** Clips a crash left claimed, or that waited while every slot was taken. */
    @Scheduled(every = "${chatbot.tts.sweep-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        kick();
    }

    private Uni<List<TtsClip>> claim() {
        return transactions.run(() -> {
            Instant now = clock.instant();
            Instant staleBefore = now.minus(claimTimeout);
            return clips.skipStale(now.minus(maxDelay), staleBefore, now).chain(skipped -> {
                if (skipped > 0) {
                    metrics.counter("tts.clips", "outcome", "skipped", "reason", "too_late").increment(skipped);
                    Log.warnf("Skipped %d text-to-speech clips whose tips are older than %s (synthesis is behind)", skipped, maxDelay);
                }
                int room = pool.freeSlots();
                if (room == 0) {
                    return Uni.createFrom().item(List.<TtsClip>of());
                }
                return clips.lockClaimable(room, staleBefore).invoke(claimable -> claimable.forEach(clip -> {
                    clip.status = TtsClip.SYNTHESIZING;
                    clip.claim = UUID.randomUUID();
                    clip.claimedAt = now;
                }));
            });
        });
    }

    private void synthesize(TtsClip clip) {
        DetachedWork.run(vertx, () -> pool.synthesize(clip.text, clip.voice, clip.rate)
                .chain(audio -> transactions.run(() -> publish(clip, audio)))
                .onFailure(SynthesisPool.Busy.class).recoverWithUni(busy -> transactions.run(() -> clips.release(clip.tipId, clip.claim))
                        .replaceWithVoid())
                .onFailure().recoverWithUni(failure -> {
                    Log.errorf("Text-to-speech of tip %s failed: %s", clip.tipId, failure.getMessage());
                    metrics.counter("tts.clips", "outcome", "failed", "reason", "engine").increment();
                    return transactions.run(() -> clips.finish(clip.tipId, clip.claim, TtsClip.FAILED, "engine", null, null,
                            clock.instant())).replaceWithVoid();
                })
                .subscribe().with(ignored -> kick(), failure -> Log.errorf(failure, "Clip of tip %s was left claimed", clip.tipId)));
    }

    private Uni<Void> publish(TtsClip clip, SpeechAudio audio) {
        Instant now = clock.instant();
        return clips.finish(clip.tipId, clip.claim, TtsClip.SPOKEN, null, audio.durationMs(), audio.bytes().length, now)
                .chain(finished -> {
                    if (finished == 0) {
                        return Uni.createFrom().voidItem(); // another replica took it over and publishes it
                    }
                    metrics.counter("tts.clips", "outcome", "spoken", "reason", "none").increment();
                    metrics.summary("tts.clip.bytes").record(audio.bytes().length);
                    return outbox.record(EventTypes.TTS_SYNTHESIZED, clip.creatorId, clip.sessionId.toString(),
                            new TtsSynthesized(UUID.randomUUID(), clip.tipId, clip.sessionId, clip.creatorId, clip.text,
                                    clip.voice, audio.format(), audio.durationMs(),
                                    Base64.getEncoder().encodeToString(audio.bytes()), clip.test, now)).replaceWithVoid();
                });
    }
}
