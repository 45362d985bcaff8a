package io.streamingcompanion.contracts;

import java.util.List;

/**
 * Kafka topics, one per aggregate: every event of one aggregate goes to the same topic, keyed by the
 * aggregate id, so that (for example) one session's started/updated/ended events stay in order.
 */
public final class Topics {

    public static final String SESSIONS = "streaming.sessions";
    public static final String TIPS = "streaming.tips";
    public static final String GOALS = "streaming.goals";
    public static final String MENU = "streaming.menu";
    public static final String ANIMATIONS = "streaming.animations";
    public static final String CHATBOT = "streaming.chatbot";
    public static final String TTS = "streaming.tts";
    public static final String STREAMS = "streaming.streams";
    public static final String OVERLAYS = "streaming.overlays";
    /** Platform connections (tip-service's connectors): their state, for the creator's dashboard. */
    public static final String CONNECTORS = "streaming.connectors";
    /** Records a consumer could not apply, parked with headers saying why (see service-commons' DeadLetters). */
    public static final String DEAD_LETTERS = "streaming.dead-letters";

    /** Partitions per topic: enough for several consumer replicas, small enough for one embedded broker. */
    public static final int PARTITIONS = 3;

    private Topics() {
    }

    public static List<String> all() {
        return List.of(SESSIONS, TIPS, GOALS, MENU, ANIMATIONS, CHATBOT, TTS, STREAMS, OVERLAYS, CONNECTORS, DEAD_LETTERS);
    }
}
