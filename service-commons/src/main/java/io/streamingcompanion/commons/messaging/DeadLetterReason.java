package io.streamingcompanion.commons.messaging;

/** Why a record was dead-lettered; the wire name goes into a header and a metric tag. */
public enum DeadLetterReason {
    /** Not a JSON event envelope, or one without an id or type. */
    NOT_AN_EVENT("not-an-event"),
    /** A known event type whose payload does not match its schema. */
    MALFORMED_PAYLOAD("malformed-payload"),
    /** The handler refused it for good (a {@link PoisonEventException}, an invalid reference, a bug). */
    REJECTED("rejected"),
    /** The handler kept failing with errors that might have passed, until the retries ran out. */
    RETRIES_EXHAUSTED("retries-exhausted");

    private final String wireName;

    DeadLetterReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
