package io.streamingcompanion.chatbot.tts;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.chatbot.tts.TtsApi.PreviewRequest;
import io.streamingcompanion.chatbot.tts.TtsApi.SettingsBody;
import io.streamingcompanion.chatbot.tts.TtsApi.SkipRequest;
import io.streamingcompanion.chatbot.tts.engine.SpeechEngine.VoiceInfo;
import io.streamingcompanion.commons.security.CreatorIdentity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/tts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Text-to-speech")
@SecurityRequirement(name = "bearer")
public class TtsResource {

    private final TtsSettingsService settings;
    private final SpeechService speech;
    private final CreatorIdentity creator;

    public TtsResource(TtsSettingsService settings, SpeechService speech, CreatorIdentity creator) {
        this.settings = settings;
        this.speech = speech;
        this.creator = creator;
    }

    @GET
    @Path("/settings")
    @Operation(summary = "The creator's text-to-speech settings (the defaults until saved: off)")
    public Uni<SettingsBody> get() {
        return settings.get(creator.creatorId()).map(TtsApi::body);
    }

    @PUT
    @Path("/settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Save settings; a field left out keeps its current value")
    public Uni<SettingsBody> put(@Valid @NotNull(message = "body is required") SettingsBody body) {
        String creatorId = creator.creatorId();
        return settings.get(creatorId).chain(current -> settings.save(creatorId, TtsApi.merge(current, body))).map(TtsApi::body);
    }

    @GET
    @Path("/voices")
    @Operation(summary = "The voices of the configured engine, the default first")
    public List<VoiceInfo> voices() {
        return settings.voices();
    }

    @POST
    @Path("/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({"audio/mpeg", "application/problem+json"})
    @Operation(summary = "A sample of a voice, filtered as viewers' messages are: the audio itself")
    public Uni<Response> preview(@Valid @NotNull(message = "body is required") PreviewRequest request) {
        return speech.preview(creator.creatorId(), request.text(), request.voice(), request.rate())
                .map(audio -> Response.ok(audio.bytes(), audio.format())
                        .header("X-Audio-Duration-Ms", audio.durationMs())
                        .header("Cache-Control", "no-store").build());
    }

    @POST
    @Path("/skip")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stop the clip playing on the session's overlays")
    public Uni<Response> skip(@Valid @NotNull(message = "body is required") SkipRequest request) {
        return speech.skip(creator.creatorId(), request.sessionId()).map(ignored -> Response.accepted().build());
    }
}
