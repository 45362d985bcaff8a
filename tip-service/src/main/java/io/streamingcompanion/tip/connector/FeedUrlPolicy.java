package io.streamingcompanion.tip.connector;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which addresses a connector may fetch: only the configured hosts of the platform's feed, over https (plain
 * http only when a test allows it), never with credentials in the authority. Checked for the URL a creator
 * pastes and for every {@code nextUrl} a feed returns, so neither a creator nor a feed can point the service
 * at an internal address.
 */
public final class FeedUrlPolicy {

    /** Why a URL is refused, in words fit for the creator (never containing the URL itself). */
    public static final class Refused extends Exception {
        public Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private final Set<String> hosts;
    private final boolean allowInsecureHttp;

    public FeedUrlPolicy(List<String> hosts, boolean allowInsecureHttp) {
        this.hosts = hosts.stream().map(host -> host.strip().toLowerCase(Locale.ROOT)).filter(host -> !host.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        this.allowInsecureHttp = allowInsecureHttp;
    }

    public URI check(String url) throws Refused {
        if (url == null || url.isBlank() || url.length() > 2000) {
            throw new Refused("must be a URL of at most 2000 characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new Refused("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowInsecureHttp && scheme.equals("http"))) {
            throw new Refused("must be an https URL");
        }
        if (uri.getRawUserInfo() != null || uri.getHost() == null || uri.getRawFragment() != null) {
            throw new Refused("must not carry credentials or a fragment");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean allowed = port == -1 || port == (scheme.equals("https") ? 443 : 80)
                ? hosts.contains(host) || hosts.contains(host + ":" + (port == -1 ? defaultPort(scheme) : port))
                : hosts.contains(host + ":" + port);
        if (!allowed) {
            throw new Refused("must be on " + String.join(" or ", hosts.stream().sorted().toList()));
        }
        return uri;
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : 80;
    }
}
