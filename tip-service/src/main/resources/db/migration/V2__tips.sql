-- What tip-service knows of sessions: learnt from session events (or asked of session-service once),
-- and the running totals, updated under this row's lock so that concurrent tips add up exactly.
CREATE TABLE tip_session (
    session_id        UUID PRIMARY KEY,
    creator_id        VARCHAR(255) NOT NULL,
    active            BOOLEAN      NOT NULL,
    total_tips_cents  BIGINT       NOT NULL DEFAULT 0,
    tip_count         INTEGER      NOT NULL DEFAULT 0
);

CREATE TABLE tip (
    id                     UUID PRIMARY KEY,
    session_id             UUID         NOT NULL REFERENCES tip_session (session_id),
    creator_id             VARCHAR(255) NOT NULL,
    amount_cents           BIGINT       NOT NULL CHECK (amount_cents > 0),
    tipper_name            VARCHAR(100),
    message                VARCHAR(500),
    source                 VARCHAR(20)  NOT NULL CHECK (source IN ('platform_api', 'manual', 'websocket')),
    external_id            VARCHAR(200),
    idempotency_key        VARCHAR(200),
    test                   BOOLEAN      NOT NULL DEFAULT FALSE,
    received_at            TIMESTAMPTZ  NOT NULL,
    menu_item_id           UUID,
    menu_item_title        VARCHAR(200),
    menu_item_category     VARCHAR(20),
    menu_item_price_cents  BIGINT
);
-- A retried request, or a platform tip delivered twice, must find the original instead of counting again.
CREATE UNIQUE INDEX tip_idempotency_key ON tip (creator_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE UNIQUE INDEX tip_external_id ON tip (creator_id, source, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX tip_session_received ON tip (session_id, received_at DESC, id);
CREATE INDEX tip_creator_received ON tip (creator_id, received_at DESC, id);

-- The creators' tip menus as of their last streaming.menu.updated, to announce a tip with its item.
CREATE TABLE menu_item_snapshot (
    creator_id   VARCHAR(255) NOT NULL,
    item_id      UUID         NOT NULL,
    title        VARCHAR(200) NOT NULL,
    category     VARCHAR(20)  NOT NULL,
    price_cents  BIGINT       NOT NULL,
    active       BOOLEAN      NOT NULL,
    PRIMARY KEY (creator_id, item_id)
);
CREATE INDEX menu_item_snapshot_price ON menu_item_snapshot (creator_id, price_cents) WHERE active;
