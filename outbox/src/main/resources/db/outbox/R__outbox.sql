-- Owned by the outbox module and applied in every service's own schema (Flyway location db/outbox).
-- A repeatable migration: Flyway runs it after the service's versioned ones whenever this file changes,
-- so it is written to be re-run: every statement must leave an up-to-date schema unchanged.

-- Domain events written with the state they describe, deleted once Kafka has them (OutboxRelay).
CREATE TABLE IF NOT EXISTS outbox_event (
    seq         BIGSERIAL PRIMARY KEY,
    event_id    UUID         NOT NULL UNIQUE,
    topic       VARCHAR(255) NOT NULL,
    record_key  VARCHAR(255) NOT NULL,
    event_type  VARCHAR(255) NOT NULL,
    envelope    TEXT         NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL
);
-- Snapshot events (EventType.snapshot) wait until publish_after, and a newer snapshot of the same type and key
-- replaces the held one (coalesce_key = "<type> <key>"; NULL for every other row). Not unique: a due row may still
-- be in the relay's hands while a newer snapshot of its key gets a row of its own (OutboxRepository).
ALTER TABLE outbox_event ADD COLUMN IF NOT EXISTS coalesce_key  VARCHAR(600);
ALTER TABLE outbox_event ADD COLUMN IF NOT EXISTS publish_after TIMESTAMPTZ;
DROP INDEX IF EXISTS outbox_event_coalesce_key;
CREATE INDEX IF NOT EXISTS outbox_event_held_snapshot ON outbox_event (coalesce_key) WHERE coalesce_key IS NOT NULL;

-- Events each consumer has applied: "<consumer>/<event id>", written in the transaction that applies it.
CREATE TABLE IF NOT EXISTS processed_event (
    id            VARCHAR(300) PRIMARY KEY,
    processed_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX IF NOT EXISTS processed_event_processed_at ON processed_event (processed_at);
