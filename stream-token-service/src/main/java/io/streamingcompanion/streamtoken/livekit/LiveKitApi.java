package io.streamingcompanion.streamtoken.livekit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.streamingcompanion.streamtoken.config.LiveKitConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import livekit.LivekitIngress.CreateIngressRequest;
import livekit.LivekitIngress.DeleteIngressRequest;
import livekit.LivekitIngress.IngressInfo;
import livekit.LivekitIngress.ListIngressRequest;
import livekit.LivekitIngress.ListIngressResponse;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitRoom.ListParticipantsRequest;
import livekit.LivekitRoom.ListParticipantsResponse;
import livekit.LivekitRoom.UpdateParticipantRequest;

/**
 * LiveKit's server API (Twirp over HTTP: {@code POST /twirp/livekit.<Service>/<Method>}, protobuf JSON bodies,
 * {@code Authorization: Bearer <JWT>} with the admin grant the call needs), called with the non-blocking Vert.x
 * web client. Request and response messages are the protocol's generated classes from the LiveKit SDK, written
 * and read with protobuf's JSON mapping, so field names and enum values are exactly LiveKit's.
 */
@ApplicationScoped
public class LiveKitApi {

    private static final String INGRESS = "livekit.IngressService";
    private static final String ROOM = "livekit.RoomService";

    private final LiveKitTokens tokens;
    private final WebClient client;
    private final String apiUrl;
    private final long timeoutMillis;
    private final ObjectMapper json = new ObjectMapper();
    /**
     * Fields without presence are written even when they hold their default (RTMP_INPUT, canPublishData false):
     * proto3 reads an absent field as that default anyway, and explicit bodies say what we mean. Optional fields
     * (enableTranscoding) stay absent unless set, so LiveKit's own defaults apply.
     */
    private final JsonFormat.Printer printer = JsonFormat.printer().alwaysPrintFieldsWithNoPresence()
            .omittingInsignificantWhitespace();
    private final JsonFormat.Parser parser = JsonFormat.parser().ignoringUnknownFields();

    public LiveKitApi(LiveKitConfig config, LiveKitTokens tokens, Vertx vertx) {
        this.tokens = tokens;
        this.apiUrl = LiveKitUrls.api(config);
        this.timeoutMillis = config.apiTimeout().toMillis();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis))
                .setFollowRedirects(false)
                .setUserAgent("streaming-companion-stream-token-service"));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    public String apiUrl() {
        return apiUrl;
    }

    public Uni<IngressInfo> createIngress(CreateIngressRequest request) {
        return call(INGRESS, "CreateIngress", tokens.ingressAdmin(), request, IngressInfo::newBuilder)
                .map(IngressInfo.Builder::build);
    }

    public Uni<List<IngressInfo>> listIngress(String roomName) {
        return call(INGRESS, "ListIngress", tokens.ingressAdmin(),
                ListIngressRequest.newBuilder().setRoomName(roomName).build(), ListIngressResponse::newBuilder)
                .map(response -> response.getItemsList());
    }

    /** Deletes an ingress; one LiveKit no longer knows is already what we want. */
    public Uni<Void> deleteIngress(String ingressId) {
        return call(INGRESS, "DeleteIngress", tokens.ingressAdmin(),
                DeleteIngressRequest.newBuilder().setIngressId(ingressId).build(), IngressInfo::newBuilder)
                .replaceWithVoid()
                .onFailure(failure -> failure instanceof LiveKitException e && e.isNotFound()).recoverWithNull();
    }

    /** The room's participants; none when the room does not exist (nobody has joined it). */
    public Uni<List<ParticipantInfo>> listParticipants(String room) {
        return call(ROOM, "ListParticipants", tokens.roomAdmin(room),
                ListParticipantsRequest.newBuilder().setRoom(room).build(), ListParticipantsResponse::newBuilder)
                .map(response -> response.getParticipantsList())
                .onFailure(failure -> failure instanceof LiveKitException e && e.isNotFound())
                .recoverWithItem(List.of());
    }

    public Uni<ParticipantInfo> updateParticipant(UpdateParticipantRequest request) {
        return call(ROOM, "UpdateParticipant", tokens.roomAdmin(request.getRoom()), request,
                ParticipantInfo::newBuilder).map(ParticipantInfo.Builder::build);
    }

    private <B extends Message.Builder> Uni<B> call(String service, String method, String bearer,
                                                    MessageOrBuilder request, Supplier<B> response) {
        String body;
        try {
            body = printer.print(request);
        } catch (InvalidProtocolBufferException e) {
            return Uni.createFrom().failure(new IllegalStateException("Cannot write " + method + " request", e));
        }
        String path = "/twirp/" + service + "/" + method;
        return client.postAbs(apiUrl + path)
                .putHeader("Authorization", "Bearer " + bearer)
                .putHeader("Content-Type", "application/json")
                .putHeader("Accept", "application/json")
                .timeout(timeoutMillis)
                .sendBuffer(io.vertx.mutiny.core.buffer.Buffer.newInstance(Buffer.buffer(body)))
                .onFailure().transform(failure -> unreachable(method, failure))
                .map(reply -> read(method, reply, response.get()));
    }

    private <B extends Message.Builder> B read(String method, HttpResponse<io.vertx.mutiny.core.buffer.Buffer> reply,
                                               B builder) {
        String text = reply.bodyAsString();
        if (reply.statusCode() / 100 != 2) {
            String code = null;
            String message = null;
            try {
                JsonNode error = json.readTree(text == null ? "" : text);
                code = error.path("code").isTextual() ? error.path("code").asText() : null;
                message = error.path("msg").isTextual() ? error.path("msg").asText() : null;
            } catch (Exception notTwirpJson) {
                // Not a Twirp error body (a proxy, an old server): the HTTP status says enough.
            }
            LiveKitException failure = LiveKitException.answered(reply.statusCode(), method, code, message);
            if (!failure.isNotFound()) {
                Log.warnf("LiveKit %s at %s failed: HTTP %d %s %s", method, apiUrl, reply.statusCode(), code, message);
            }
            throw failure;
        }
        try {
            parser.merge(text == null || text.isBlank() ? "{}" : text, builder);
            return builder;
        } catch (InvalidProtocolBufferException e) {
            throw LiveKitException.answered(502, method, "malformed_response", "the response is not a " + method
                    + " reply");
        }
    }

    private Throwable unreachable(String method, Throwable failure) {
        String why;
        if (failure instanceof ConnectException) {
            why = "connection refused";
        } else if (failure instanceof UnknownHostException) {
            why = "unknown host";
        } else if (failure instanceof TimeoutException || failure.getClass().getSimpleName().contains("Timeout")) {
            why = "no answer within " + timeoutMillis + " ms";
        } else {
            why = failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        }
        Log.warnf("LiveKit %s at %s failed: %s", method, apiUrl, why);
        return LiveKitException.unreachable(apiUrl, method, why);
    }
}
