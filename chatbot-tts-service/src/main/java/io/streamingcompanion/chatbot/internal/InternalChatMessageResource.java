package io.streamingcompanion.chatbot.internal;

import io.smallrye.mutiny.Uni;
import io.streamingcompanion.chatbot.reply.ReplyService;
import io.streamingcompanion.chatbot.reply.TriggerMatcher;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Chat lines from a platform's room (tip-service's Chaturbate connector), which holds the service token, not
 * the creator's bearer token, and so names the creator. Same answer as {@code POST /api/chatbot/messages}.
 */
@Path("/internal/chatbot/messages")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Internal")
public class InternalChatMessageResource {

    public record InternalChatMessageRequest(
            @NotBlank(message = "is required") @Size(max = 255, message = "must be at most 255 characters") String creatorId,
            @NotNull(message = "is required") UUID sessionId,
            @NotBlank(message = "must not be blank") @Size(max = 64, message = "must be at most 64 characters") String senderName,
            @NotBlank(message = "must not be blank") @Size(max = TriggerMatcher.MAX_MESSAGE_LENGTH,
                    message = "must be at most " + TriggerMatcher.MAX_MESSAGE_LENGTH + " characters") String message) {
    }

    private final ReplyService replies;

    public InternalChatMessageResource(ReplyService replies) {
        this.replies = replies;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Route a platform chat message through the creator's personas: 200 with the reply, 204 when none answers")
    public Uni<Response> message(@Valid @NotNull(message = "body is required") InternalChatMessageRequest request) {
        return replies.answerChat(request.creatorId(), request.sessionId(), request.senderName().strip(), request.message())
                .map(reply -> reply.map(found -> Response.ok((ChatbotResponded) found).build())
                        .orElseGet(() -> Response.noContent().build()));
    }
}
