-- A creator's connection to a cam platform's event feed (the Chaturbate Events API). The feed URL and the
-- position in it (nextUrl) hold the creator's token: both are AES-GCM encrypted with a key from configuration.
-- The position is advanced in the transaction that records the page's tips, so a restart resumes exactly.
CREATE TABLE platform_connection (
    creator_id      VARCHAR(255) NOT NULL,
    platform        VARCHAR(20)  NOT NULL,
    -- The platform's own account name (shown to the creator; one creator per account).
    account         VARCHAR(100) NOT NULL,
    masked_url      VARCHAR(300) NOT NULL,
    events_url      TEXT         NOT NULL,
    next_url        TEXT,
    status          VARCHAR(20)  NOT NULL CHECK (status IN ('connected', 'paused', 'revoked')),
    -- Bumped by every change the creator makes: a poller holding an older generation stops.
    generation      BIGINT       NOT NULL,
    last_error      VARCHAR(300),
    error_since     TIMESTAMPTZ,
    last_event_at   TIMESTAMPTZ,
    last_poll_at    TIMESTAMPTZ,
    -- The one replica polling this feed until lease_until (database time), renewed before every request.
    lease_owner     VARCHAR(100),
    lease_until     TIMESTAMPTZ,
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (creator_id, platform)
);
CREATE UNIQUE INDEX platform_connection_account ON platform_connection (platform, lower(account));
CREATE INDEX platform_connection_claimable ON platform_connection (lease_until) WHERE status = 'connected';
