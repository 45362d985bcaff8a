package io.streamingcompanion.chatbot.tts;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
@WithSession
public class TtsSettingsRepository implements PanacheRepositoryBase<TtsSettings, String> {
}
