package io.streamingcompanion.tip.domain;

/** Where a tip came from, as the API and events spell it. */
public final class TipSource {

    public static final String PLATFORM_API = "platform_api";
    public static final String MANUAL = "manual";
    public static final String WEBSOCKET = "websocket";
    public static final String VALUES = "platform_api|manual|websocket";

    private TipSource() {
    }
}
