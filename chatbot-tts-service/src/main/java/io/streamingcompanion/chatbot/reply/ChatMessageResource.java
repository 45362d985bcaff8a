package io.streamingcompanion.chatbot.reply;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.commons.security.CreatorIdentity;
import io.streamingcompanion.contracts.chatbot.ChatbotResponded;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Chat lines of the creator's session, as the gateway forwards {@code chatbot_message} (with the creator's token). */
@Path("/api/chatbot/messages")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Chatbot personas")
@SecurityRequirement(name = "bearer")
public class ChatMessageResource {

    public record ChatMessageRequest(
            @NotNull(message = "is required") UUID sessionId,
            @NotBlank(message = "must not be blank") @Size(max = 64, message = "must be at most 64 characters") String senderName,
            @NotBlank(message = "must not be blank") @Size(max = TriggerMatcher.MAX_MESSAGE_LENGTH,
                    message = "must be at most " + TriggerMatcher.MAX_MESSAGE_LENGTH + " characters") String message) {
    }

    private final ReplyService replies;
    private final CreatorIdentity creator;

    public ChatMessageResource(ReplyService replies, CreatorIdentity creator) {
        this.replies = replies;
        this.creator = creator;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Route a chat message through the personas: 200 with the reply, 204 when none answers")
    public Uni<Response> message(@Valid @NotNull(message = "body is required") ChatMessageRequest request) {
        return replies.answerChat(creator.creatorId(), request.sessionId(), request.senderName().strip(), request.message())
                .map(reply -> reply.map(found -> Response.ok((ChatbotResponded) found).build())
                        .orElseGet(() -> Response.noContent().build()));
    }
}
