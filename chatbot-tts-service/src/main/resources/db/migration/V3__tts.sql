-- Text-to-speech settings, one row per creator who saved them (the defaults apply until then).
CREATE TABLE tts_settings (
    creator_id                  VARCHAR(255) PRIMARY KEY,
    enabled                     BOOLEAN          NOT NULL,
    min_amount_cents            BIGINT           NOT NULL,
    voice                       VARCHAR(64)      NOT NULL,
    rate                        DOUBLE PRECISION NOT NULL,
    max_characters              INTEGER          NOT NULL,
    template                    VARCHAR(300)     NOT NULL,
    filter_profanity            BOOLEAN          NOT NULL,
    filter_links                BOOLEAN          NOT NULL,
    filter_emails               BOOLEAN          NOT NULL,
    filter_phone_numbers        BOOLEAN          NOT NULL,
    filter_repeated_characters  BOOLEAN          NOT NULL,
    -- JSON array of the creator's own blocked words and phrases.
    blocked_words               TEXT             NOT NULL,
    updated_at                  TIMESTAMPTZ      NOT NULL,
    version                     BIGINT           NOT NULL DEFAULT 0
);

-- One row per tip to be read out: written with the tip event's processed_event row (so a redelivered tip adds
-- nothing), claimed by one replica at a time (so a clip is synthesized and published once), and kept as the
-- record of what was said, skipped or failed.
CREATE TABLE tts_clip (
    tip_id        UUID PRIMARY KEY,
    creator_id    VARCHAR(255)     NOT NULL,
    session_id    UUID             NOT NULL,
    text          VARCHAR(600)     NOT NULL,
    voice         VARCHAR(64)      NOT NULL,
    rate          DOUBLE PRECISION NOT NULL,
    test          BOOLEAN          NOT NULL,
    -- pending | synthesizing | spoken | skipped | failed
    status        VARCHAR(16)      NOT NULL,
    reason        VARCHAR(64),
    claim         UUID,
    claimed_at    TIMESTAMPTZ,
    tip_at        TIMESTAMPTZ      NOT NULL,
    created_at    TIMESTAMPTZ      NOT NULL,
    finished_at   TIMESTAMPTZ,
    duration_ms   BIGINT,
    audio_bytes   INTEGER
);
CREATE INDEX tts_clip_open ON tts_clip (created_at) WHERE status IN ('pending', 'synthesizing');
CREATE INDEX tts_clip_creator ON tts_clip (creator_id, created_at DESC);
