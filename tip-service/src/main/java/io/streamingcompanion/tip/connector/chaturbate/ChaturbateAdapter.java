package io.streamingcompanion.tip.connector.chaturbate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Unremovable;
import io.streamingcompanion.tip.config.TipServiceConfig;
import io.streamingcompanion.tip.connector.FeedEvent;
import io.streamingcompanion.tip.connector.FeedPage;
import io.streamingcompanion.tip.connector.FeedUrlPolicy;
import io.streamingcompanion.tip.connector.PlatformAdapter;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Chaturbate Events API: {@code GET <events host>/events/<username>/<token>/?timeout=N} answers
 * {@code {"events": [{"id", "method", "object"}], "nextUrl"}} (a longpoll: it waits up to {@code timeout}
 * seconds for events). Tips are {@code object.tip.tokens} (with {@code isAnon}, {@code message}) from
 * {@code object.user.username}; a token counts as one unit of the creator's token currency, i.e. 100 "cents".
 */
@Unremovable
@ApplicationScoped
public class ChaturbateAdapter implements PlatformAdapter {

    public static final String PLATFORM = "chaturbate";
    /** The path the Events API shows creators: the account and its token, each one path segment. */
    private static final Pattern PATH = Pattern.compile("^/events/([A-Za-z0-9_\\-]{1,64})/([A-Za-z0-9_\\-.]{8,200})/?$");
    private static final int MAX_TIPPER_NAME = 100;
    private static final int MAX_MESSAGE = 500;

    private final FeedUrlPolicy policy;
    private final ObjectMapper json;

    @Inject
    public ChaturbateAdapter(TipServiceConfig config, ObjectMapper json) {
        this(new FeedUrlPolicy(config.connector().chaturbateHosts(), config.connector().allowInsecureHttp()), json);
    }

    ChaturbateAdapter(FeedUrlPolicy policy, ObjectMapper json) {
        this.policy = policy;
        this.json = json;
    }

    @Override
    public String platform() {
        return PLATFORM;
    }

    @Override
    public FeedAddress parse(String url) throws FeedUrlPolicy.Refused {
        URI uri = policy.check(url);
        Matcher path = PATH.matcher(uri.getRawPath() == null ? "" : uri.getRawPath());
        if (!path.matches()) {
            throw new FeedUrlPolicy.Refused("must be the Events API URL Chaturbate shows: https://<events host>/events/<username>/<token>/");
        }
        String authority = uri.getScheme().toLowerCase() + "://" + uri.getHost().toLowerCase() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        String base = authority + "/events/" + path.group(1) + "/" + path.group(2) + "/";
        return new FeedAddress(base, path.group(1), authority + "/events/" + path.group(1) + "/****/");
    }

    @Override
    public String pollUrl(String position, int timeoutSeconds) throws FeedUrlPolicy.Refused {
        URI uri = policy.check(position);
        StringBuilder query = new StringBuilder();
        if (uri.getRawQuery() != null) {
            for (String part : uri.getRawQuery().split("&")) {
                if (!part.isEmpty() && !part.startsWith("timeout=")) {
                    query.append(part).append('&');
                }
            }
        }
        query.append("timeout=").append(Math.max(0, Math.min(90, timeoutSeconds)));
        String url = position.strip();
        int cut = url.indexOf('?');
        return (cut < 0 ? url : url.substring(0, cut)) + "?" + query;
    }

    @Override
    public FeedPage read(Buffer body) throws FeedFormatException {
        JsonNode root;
        try {
            root = json.readTree(body.getBytes());
        } catch (IOException e) {
            throw new FeedFormatException("the feed did not answer JSON");
        }
        if (root == null || !root.path("events").isArray() || !root.path("nextUrl").isTextual()) {
            throw new FeedFormatException("the feed's answer lacks events or nextUrl");
        }
        String nextUrl = root.path("nextUrl").asText();
        try {
            policy.check(nextUrl);
        } catch (FeedUrlPolicy.Refused refused) {
            throw new FeedFormatException("the feed named a nextUrl the connector may not fetch");
        }
        List<FeedEvent> events = new ArrayList<>();
        for (JsonNode event : root.path("events")) {
            events.add(map(event));
        }
        return new FeedPage(events, nextUrl);
    }

    private static FeedEvent map(JsonNode event) throws FeedFormatException {
        String id = event.path("id").asText("");
        String method = event.path("method").asText("");
        if (id.isEmpty() || id.length() > 200) {
            throw new FeedFormatException("an event has no usable id");
        }
        JsonNode object = event.path("object");
        String username = text(object.path("user").path("username"), MAX_TIPPER_NAME);
        return switch (method) {
            case "tip" -> {
                JsonNode tip = object.path("tip");
                long tokens = tip.path("tokens").asLong(0);
                if (tokens <= 0) {
                    yield new FeedEvent.Unknown(id, "tip-without-tokens");
                }
                boolean anonymous = tip.path("isAnon").asBoolean(false);
                yield new FeedEvent.Tip(id, Math.multiplyExact(tokens, 100), anonymous ? null : username,
                        text(tip.path("message"), MAX_MESSAGE));
            }
            case "broadcastStart" -> new FeedEvent.BroadcastStarted(id);
            case "broadcastStop" -> new FeedEvent.BroadcastStopped(id);
            case "userEnter" -> new FeedEvent.ViewerEntered(id, username);
            case "userLeave" -> new FeedEvent.ViewerLeft(id, username);
            case "chatMessage" -> new FeedEvent.ChatMessage(id, username, text(object.path("message").path("message"), 2000));
            case "follow", "fanclubJoin", "mediaPurchase" -> new FeedEvent.Highlight(id, method, username);
            case "privateMessage", "unfollow", "roomSubjectChange" -> new FeedEvent.Ignored(id, method);
            default -> new FeedEvent.Unknown(id, method.isEmpty() ? "none" : method.length() > 40 ? "other" : method);
        };
    }

    private static String text(JsonNode node, int max) {
        if (!node.isTextual() || node.asText().isBlank()) {
            return null;
        }
        String value = node.asText().strip();
        return value.length() > max ? value.substring(0, max) : value;
    }
}
