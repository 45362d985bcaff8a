CREATE TABLE stream_session (
    id                UUID PRIMARY KEY,
    creator_id        VARCHAR(255) NOT NULL,
    platform          VARCHAR(32)  NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    title             VARCHAR(200),
    notes             TEXT,
    metadata          JSONB        NOT NULL DEFAULT '{}'::jsonb,
    started_at        TIMESTAMPTZ  NOT NULL,
    ended_at          TIMESTAMPTZ,
    total_tips_cents  BIGINT       NOT NULL DEFAULT 0,
    tip_count         INTEGER      NOT NULL DEFAULT 0,
    current_viewers   INTEGER      NOT NULL DEFAULT 0,
    peak_viewers      INTEGER      NOT NULL DEFAULT 0,
    version           BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT stream_session_status_check CHECK (status IN ('ACTIVE', 'ENDED')),
    CONSTRAINT stream_session_platform_check CHECK (platform IN ('CHATURBATE', 'STRIPCHAT', 'OTHER', 'LIVEKIT')),
    CONSTRAINT stream_session_ended_check CHECK ((status = 'ENDED') = (ended_at IS NOT NULL))
);

-- At most one live session per creator, enforced by the database so concurrent starts cannot both win.
CREATE UNIQUE INDEX stream_session_one_active_per_creator ON stream_session (creator_id) WHERE status = 'ACTIVE';
CREATE INDEX stream_session_creator_started ON stream_session (creator_id, started_at DESC);

CREATE TABLE session_note (
    id          UUID PRIMARY KEY,
    session_id  UUID         NOT NULL REFERENCES stream_session (id) ON DELETE CASCADE,
    creator_id  VARCHAR(255) NOT NULL,
    body        TEXT         NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX session_note_session_created ON session_note (session_id, created_at);
