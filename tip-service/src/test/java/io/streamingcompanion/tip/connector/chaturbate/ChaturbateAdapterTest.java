package io.streamingcompanion.tip.connector.chaturbate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamingcompanion.tip.connector.FeedPage;
import io.streamingcompanion.tip.connector.FeedUrlPolicy;
import io.streamingcompanion.tip.connector.PlatformAdapter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.RequestOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Chaturbate adapter's side of the URL policy: the Events API path shape, poll URLs and nextUrl. */
class ChaturbateAdapterTest {

    private static final String HOST = "eventsapi.chaturbate.com";
    private static final String PATH = "/events/someroom/abcDEF123_token/";
    private static final FeedUrlPolicy PRODUCTION = new FeedUrlPolicy(List.of(HOST, "events.testbed.cb.dev"), false);

    @Test
    void theHttpClientConnectsToTheHostThePolicyChecked() throws Exception {
        // The request is made from the URL string: the client's parser must see the host the policy saw.
        ChaturbateAdapter adapter = new ChaturbateAdapter(PRODUCTION, new ObjectMapper());
        for (String url : List.of("https://EVENTSAPI.chaturbate.com" + PATH, "https://" + HOST + ":443" + PATH + "?i=3&timeout=10",
                "https://" + HOST + PATH + "?x=@evil.example.com")) {
            RequestOptions options = new RequestOptions().setAbsoluteURI(adapter.pollUrl(url, 10));
            assertEquals(HOST, options.getHost().toLowerCase(), url);
            assertEquals(443, options.getPort(), url);
            assertTrue(options.isSsl(), url);
        }
    }

    @Test
    void theAdapterAcceptsOnlyTheEventsApiPathShape() throws Exception {
        ChaturbateAdapter adapter = new ChaturbateAdapter(PRODUCTION, new ObjectMapper());
        PlatformAdapter.FeedAddress address = adapter.parse("https://EventsAPI.chaturbate.com" + PATH);
        assertEquals("someroom", address.account());
        assertEquals("https://" + HOST + PATH, address.url());
        assertEquals("https://" + HOST + "/events/someroom/****/", address.maskedUrl());
        assertFalse(address.maskedUrl().contains("abcDEF123_token"));
        adapter.parse("https://" + HOST + "/events/someroom/abcDEF123_token");
        for (String path : List.of("/events/someroom/", "/events/someroom/short/", "/events/", "/", "",
                "/internal/sessions/ensure-active", "/events/some room/abcDEF123_token/", "/events/someroom/abcDEF123_token/extra/",
                "/events/../admin/abcDEF123_token/", "/events/someroom/abc%2F..%2Ftoken12/", "/x/events/someroom/abcDEF123_token/")) {
            assertThrows(FeedUrlPolicy.Refused.class, () -> adapter.parse("https://" + HOST + path), path);
        }
    }

    @Test
    void aNextUrlOnAnotherHostIsRefused() throws Exception {
        ChaturbateAdapter adapter = new ChaturbateAdapter(PRODUCTION, new ObjectMapper());
        FeedPage page = adapter.read(Buffer.buffer("{\"events\":[],\"nextUrl\":\"https://" + HOST + PATH + "?i=4&timeout=10\"}"));
        assertEquals("https://" + HOST + PATH + "?i=4&timeout=10", page.nextUrl());
        for (String next : List.of("https://evil.example.com" + PATH, "http://" + HOST + PATH, "https://" + HOST + "@evil.example.com/",
                "https://169.254.169.254/", "https://" + HOST + ":8443" + PATH, "/events/someroom/token12345/")) {
            assertThrows(PlatformAdapter.FeedFormatException.class,
                    () -> adapter.read(Buffer.buffer("{\"events\":[],\"nextUrl\":\"" + next + "\"}")), next);
        }
        assertThrows(PlatformAdapter.FeedFormatException.class, () -> adapter.read(Buffer.buffer("{\"events\":[]}")));
    }
}
