package io.streamingcompanion.chatbot.tts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.chatbot.tts.engine.SpeechEngine;
import io.streamingcompanion.chatbot.tts.engine.SpeechEngine.VoiceInfo;
import io.streamingcompanion.commons.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;

/** A creator's text-to-speech settings: the defaults until saved, checked whole when saved. */
@ApplicationScoped
public class TtsSettingsService {

    private static final TypeReference<List<String>> WORDS = new TypeReference<>() {
    };

    private final TtsSettingsRepository settings;
    private final SpeechEngine engine;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    public TtsSettingsService(TtsSettingsRepository settings, SpeechEngine engine, ObjectMapper json) {
        this.settings = settings;
        this.engine = engine;
        this.json = json;
    }

    public List<VoiceInfo> voices() {
        return engine.voices();
    }

    /** A 400 naming the voice when the configured engine has no such voice. */
    public void requireVoice(String voice) {
        if (!engine.hasVoice(voice)) {
            throw ApiException.badRequest("voice: unknown voice " + voice + "; GET /api/tts/voices lists them");
        }
    }

    /** What applies to the creator now. A voice the engine no longer has (it was changed) falls back to its default. */
    @WithTransaction
    public Uni<SpeechPreferences> get(String creatorId) {
        return preferences(creatorId);
    }

    /** Without a transaction of its own: for callers already in one. */
    public Uni<SpeechPreferences> preferences(String creatorId) {
        return settings.findById(creatorId).map(saved -> saved == null ? SpeechPreferences.defaults(engine.defaultVoice()) : toPreferences(saved));
    }

    @WithTransaction
    public Uni<SpeechPreferences> save(String creatorId, SpeechPreferences wanted) {
        List<String> unknown = SpokenText.unknownVariables(wanted.template());
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("template: unknown variable" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown.stream().map(name -> "{" + name + "}").toList())
                    + "; use " + String.join(", ", SpokenText.VARIABLES.stream().sorted().map(name -> "{" + name + "}").toList()));
        }
        requireVoice(wanted.voice());
        return settings.findById(creatorId).chain(saved -> {
            TtsSettings row = saved != null ? saved : new TtsSettings();
            row.creatorId = creatorId;
            row.enabled = wanted.enabled();
            row.minAmountCents = wanted.minAmountCents();
            row.voice = wanted.voice();
            row.rate = wanted.rate();
            row.maxCharacters = wanted.maxCharacters();
            row.template = wanted.template();
            row.filterProfanity = wanted.filters().profanity();
            row.filterLinks = wanted.filters().links();
            row.filterEmails = wanted.filters().emails();
            row.filterPhoneNumbers = wanted.filters().phoneNumbers();
            row.filterRepeatedCharacters = wanted.filters().repeatedCharacters();
            row.blockedWords = write(wanted.blockedWords().stream().map(String::strip).distinct().toList());
            row.updatedAt = clock.instant();
            return (saved != null ? Uni.createFrom().item(row) : settings.persist(row)).map(this::toPreferences);
        });
    }

    private SpeechPreferences toPreferences(TtsSettings row) {
        String voice = engine.hasVoice(row.voice) ? row.voice : engine.defaultVoice();
        return new SpeechPreferences(row.enabled, row.minAmountCents, voice, row.rate, row.maxCharacters, row.template,
                new SpeechPreferences.Filters(row.filterProfanity, row.filterLinks, row.filterEmails, row.filterPhoneNumbers,
                        row.filterRepeatedCharacters), read(row.blockedWords));
    }

    private String write(List<String> words) {
        try {
            return json.writeValueAsString(words);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> read(String words) {
        try {
            return json.readValue(words, WORDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored blocked words are not a JSON array", e);
        }
    }
}
