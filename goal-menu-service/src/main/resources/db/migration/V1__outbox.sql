-- Domain events written with the state they describe; see the outbox module.
CREATE TABLE outbox_event (
    seq         BIGSERIAL PRIMARY KEY,
    event_id    UUID         NOT NULL UNIQUE,
    topic       VARCHAR(255) NOT NULL,
    record_key  VARCHAR(255) NOT NULL,
    event_type  VARCHAR(255) NOT NULL,
    envelope    TEXT         NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL
);
