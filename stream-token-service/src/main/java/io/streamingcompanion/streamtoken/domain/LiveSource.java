package io.streamingcompanion.streamtoken.domain;

/** What made a channel live: the creator's browser (start-browser) or an OBS ingress (ingress_started webhook). */
public enum LiveSource {
    BROWSER, INGRESS
}
