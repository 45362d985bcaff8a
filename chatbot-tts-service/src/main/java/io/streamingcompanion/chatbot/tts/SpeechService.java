package io.streamingcompanion.chatbot.tts;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.chatbot.config.ChatbotConfig;
import io.streamingcompanion.chatbot.context.ReplyContextRepository;
import io.streamingcompanion.chatbot.tts.engine.SpeechEngine.SpeechAudio;
import io.streamingcompanion.chatbot.tts.engine.SynthesisPool;
import io.streamingcompanion.commons.problem.ApiException;
import io.streamingcompanion.contracts.EventTypes;
import io.streamingcompanion.contracts.tip.TipReceived;
import io.streamingcompanion.contracts.tts.TtsSkipped;
import io.streamingcompanion.outbox.EventOutbox;
import io.streamingcompanion.outbox.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Which tips are read out (enabled, at or above the creator's minimum, test tips too but flagged, not when the
 * moment has passed), the creator's preview, and skipping the clip that plays. Synthesis itself happens in
 * {@link SpeechWork}, after the tip's transaction.
 */
@ApplicationScoped
public class SpeechService {

    private final TtsSettingsService settings;
    private final TtsClipRepository clips;
    private final ReplyContextRepository context;
    private final SynthesisPool pool;
    private final EventOutbox outbox;
    private final Transactions transactions;
    private final MeterRegistry metrics;
    private final Duration maxDelay;
    private final Clock clock = Clock.systemUTC();

    public SpeechService(TtsSettingsService settings, TtsClipRepository clips, ReplyContextRepository context,
                         SynthesisPool pool, EventOutbox outbox, Transactions transactions, MeterRegistry metrics,
                         ChatbotConfig config) {
        this.settings = settings;
        this.clips = clips;
        this.context = context;
        this.pool = pool;
        this.outbox = outbox;
        this.transactions = transactions;
        this.metrics = metrics;
        this.maxDelay = config.tts().maxDelay();
    }

    /** Whether the creator has tips read out at all; a tip of a creator who has not is counted here and left. */
    public Uni<Boolean> readsTipsOf(String creatorId) {
        return settings.preferences(creatorId)
                .chain(preferences -> preferences.enabled() ? Uni.createFrom().item(true) : counted("disabled"));
    }

    /** A tip: a clip to synthesize, when the creator wants it read. Call in the consumer's transaction. */
    public Uni<Boolean> tipReceived(TipReceived tip) {
        Instant now = clock.instant();
        if (tip.receivedAt() != null && tip.receivedAt().isBefore(now.minus(maxDelay))) {
            // A tip from before this consumer caught up (a first deploy reads the topic from the start).
            return counted("too_late");
        }
        return settings.preferences(tip.creatorId()).chain(preferences -> {
            if (!preferences.enabled()) {
                return counted("disabled");
            }
            if (tip.amountCents() < preferences.minAmountCents()) {
                return counted("below_minimum");
            }
            String text = SpokenText.forTip(preferences, tip.tipperName(), tip.amountCents(), tip.message());
            if (text.isBlank()) {
                return counted("nothing_to_say");
            }
            return clips.findById(tip.tipId()).chain(existing -> {
                if (existing != null) {
                    return Uni.createFrom().item(false);
                }
                TtsClip clip = new TtsClip();
                clip.tipId = tip.tipId();
                clip.creatorId = tip.creatorId();
                clip.sessionId = tip.sessionId();
                clip.text = text;
                clip.voice = preferences.voice();
                clip.rate = preferences.rate();
                clip.test = tip.test();
                clip.status = TtsClip.PENDING;
                clip.tipAt = tip.receivedAt() != null ? tip.receivedAt() : now;
                clip.createdAt = now;
                return clips.persist(clip).replaceWith(true);
            });
        });
    }

    /** The creator's sample in a voice, filtered as a viewer's message would be; 503 when synthesis is busy. */
    public Uni<SpeechAudio> preview(String creatorId, String text, String voice, Double rate) {
        return settings.get(creatorId).chain(saved -> {
            SpeechPreferences preferences = new SpeechPreferences(true, 0, voice != null ? voice : saved.voice(),
                    rate != null ? rate : saved.rate(), saved.maxCharacters(), saved.template(), saved.filters(), saved.blockedWords());
            settings.requireVoice(preferences.voice());
            String said = SpokenText.forPreview(preferences, text);
            if (said.isBlank()) {
                throw ApiException.badRequest("text: nothing is left to say once the filters ran");
            }
            return pool.synthesize(said, preferences.voice(), preferences.rate())
                    .onFailure(SynthesisPool.Busy.class).transform(busy -> new ApiException(503, "/problems/tts-busy",
                            "Text-to-speech is busy", "Every synthesis slot is taken; try the preview again in a few seconds"));
        });
    }

    /** Stops the clip playing on the creator's overlays (every replica of the gateway), for their own session. */
    public Uni<Void> skip(String creatorId, UUID sessionId) {
        return transactions.run(() -> context.session(sessionId).chain(session -> {
            if (session == null || !session.creatorId.equals(creatorId)) {
                throw ApiException.notFound("Session " + sessionId);
            }
            return outbox.record(EventTypes.TTS_SKIPPED, creatorId, sessionId.toString(),
                    new TtsSkipped(sessionId, creatorId, clock.instant())).replaceWithVoid();
        }));
    }

    private Uni<Boolean> counted(String reason) {
        metrics.counter("tts.clips", "outcome", "not_read", "reason", reason).increment();
        return Uni.createFrom().item(false);
    }
}
