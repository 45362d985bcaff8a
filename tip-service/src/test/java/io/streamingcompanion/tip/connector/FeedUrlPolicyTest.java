package io.streamingcompanion.tip.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which addresses the connector may fetch ({@link FeedUrlPolicy}); the path shape is the adapter's (ChaturbateAdapterTest). */
class FeedUrlPolicyTest {

    static final String HOST = "eventsapi.chaturbate.com";
    static final String PATH = "/events/someroom/abcDEF123_token/";
    static final FeedUrlPolicy PRODUCTION = new FeedUrlPolicy(List.of(HOST, "events.testbed.cb.dev"), false);

    private static void refused(FeedUrlPolicy policy, String url) {
        assertThrows(FeedUrlPolicy.Refused.class, () -> policy.check(url), url);
    }

    @Test
    void onlyTheConfiguredHostsOverHttps() throws Exception {
        assertEquals(HOST, PRODUCTION.check("https://" + HOST + PATH).getHost());
        assertEquals("events.testbed.cb.dev", PRODUCTION.check("https://events.testbed.cb.dev" + PATH).getHost());
        assertEquals(HOST, PRODUCTION.check("  https://" + HOST + PATH + "  ").getHost(), "pasted with spaces");
        for (String url : List.of("https://evil.example.com" + PATH, "https://chaturbate.com" + PATH,
                "https://" + HOST + ".evil.example.com" + PATH, "https://evil" + HOST + PATH, "https://127.0.0.1" + PATH,
                "https://169.254.169.254/latest/meta-data/", "https://[::1]" + PATH, "https://localhost" + PATH)) {
            refused(PRODUCTION, url);
        }
        for (String url : List.of("http://" + HOST + PATH, "ftp://" + HOST + PATH, "file:///etc/passwd", "//" + HOST + PATH,
                HOST + PATH, "https:" + HOST + PATH, "https:///" + HOST + PATH, "javascript:alert(1)")) {
            refused(PRODUCTION, url);
        }
        for (String url : new String[] {null, "", "   ", "not a url", "https://" + HOST + "/" + "a".repeat(2000)}) {
            refused(PRODUCTION, url);
        }
    }

    @Test
    void plainHttpOnlyWhenATestAllowsIt() throws Exception {
        FeedUrlPolicy forTests = new FeedUrlPolicy(List.of("127.0.0.1:8099"), true);
        assertEquals(8099, forTests.check("http://127.0.0.1:8099" + PATH).getPort());
        refused(forTests, "http://127.0.0.1" + PATH);
        refused(forTests, "http://127.0.0.1:8098" + PATH);
        refused(forTests, "ftp://127.0.0.1:8099" + PATH);
        refused(new FeedUrlPolicy(List.of("127.0.0.1:8099"), false), "http://127.0.0.1:8099" + PATH);
    }

    @Test
    void aBareHostMeansItsSchemesDefaultPortAndHostPortExactlyThatPort() throws Exception {
        assertEquals(443, PRODUCTION.check("https://" + HOST + ":443" + PATH).getPort());
        assertEquals(443, PRODUCTION.check("https://" + HOST + ":0443" + PATH).getPort());
        for (String port : List.of("8443", "80", "22", "6379", "65535", "0")) {
            refused(PRODUCTION, "https://" + HOST + ":" + port + PATH);
        }
        FeedUrlPolicy withPort = new FeedUrlPolicy(List.of(HOST + ":8443"), false);
        withPort.check("https://" + HOST + ":8443" + PATH);
        refused(withPort, "https://" + HOST + PATH);
        refused(withPort, "https://" + HOST + ":443" + PATH);
    }

    @Test
    void credentialsFragmentsAndAuthorityTricksAreRefused() {
        for (String url : List.of(
                "https://user:pw@" + HOST + PATH,
                "https://" + HOST + "@evil.example.com" + PATH,
                "https://" + HOST + ":443@evil.example.com" + PATH,
                "https://" + HOST + "%2F@evil.example.com" + PATH,
                "https://evil.example.com#@" + HOST + PATH,
                "https://evil.example.com?@" + HOST + PATH,
                "https://" + HOST + PATH + "#fragment",
                "https://evil.example.com\\@" + HOST + PATH,
                "https://" + HOST + "\\@evil.example.com" + PATH,
                "https://" + HOST + "\\.evil.example.com" + PATH,
                "https://evil.example.com\\" + HOST + PATH)) {
            refused(PRODUCTION, url);
        }
    }

    @Test
    void hostLookalikesAreRefusedAndCaseIsNot() throws Exception {
        assertEquals(HOST, PRODUCTION.check("https://EVENTSAPI.Chaturbate.COM" + PATH).getHost().toLowerCase());
        assertEquals(HOST, PRODUCTION.check("HTTPS://" + HOST + PATH).getHost());
        for (String url : List.of(
                "https://eventsapi.ch\u0430turbate.com" + PATH,        // Cyrillic a
                "https://eventsapi.chaturbate\uff0ecom" + PATH,        // full-width dot
                "https://xn--eventsapi-chaturbate-0nb.com" + PATH,     // some punycode name
                "https://" + HOST + "." + PATH,                        // trailing dot: another name to the policy
                "https://" + HOST + ".." + PATH,
                "https://eventsapi%2Echaturbate.com" + PATH)) {
            refused(PRODUCTION, url);
        }
    }
}
