package io.streamingcompanion.gateway.room;

/** Room names. Session events go to the session's room and to its creator's overlays. */
public final class Rooms {

    private Rooms() {
    }

    /**
     * Creator sockets that joined the session. The owner is part of the name: sockets join only after
     * their ownership was checked, and an event reaches them only if it names the same creator, so a
     * creator cannot push events into another creator's session by naming its id.
     */
    public static String session(String creatorId, String sessionId) {
        return "session:" + creatorId + ":" + sessionId;
    }

    /** Every authenticated socket of the creator (creator-wide events such as the menu). */
    public static String creator(String creatorId) {
        return "creator:" + creatorId;
    }

    /** The creator's OBS overlays: they follow whichever session is live. */
    public static String overlay(String creatorId) {
        return "overlay:" + creatorId;
    }
}
