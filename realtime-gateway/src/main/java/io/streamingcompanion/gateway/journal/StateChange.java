package io.streamingcompanion.gateway.journal;

/** What a journaled event changes in the creator's snapshot state (kept next to the journal in Redis). */
public enum StateChange {
    /** Only marks its session as the creator's active one (tips, animations, completed goals). */
    NONE("none"),
    /** The session's totals, tip count and viewers. */
    SESSION("session"),
    /** The session is over: its state is dropped and it is no longer the active one. */
    SESSION_ENDED("ended"),
    /** A goal's progress. */
    GOAL("goal"),
    /** A goal was deleted. */
    GOAL_REMOVED("goal-removed"),
    /** The creator's menu. */
    MENU("menu");

    private final String scriptName;

    StateChange(String scriptName) {
        this.scriptName = scriptName;
    }

    String scriptName() {
        return scriptName;
    }
}
