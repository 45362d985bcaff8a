-- The creator's stream channel (seed 000's Stream): one per creator, created on first use. The LiveKit room name
-- is the creator id. stream_key is a secret: only the creator's own channel endpoint returns it.
CREATE TABLE stream_channel (
    creator_id             VARCHAR(255) PRIMARY KEY,
    username               VARCHAR(255),
    title                  VARCHAR(200)  NOT NULL,
    description            VARCHAR(2000),
    thumbnail              VARCHAR(2048),
    mode                   VARCHAR(16)   NOT NULL DEFAULT 'WEBRTC',
    is_live                BOOLEAN       NOT NULL DEFAULT FALSE,
    live_source            VARCHAR(16),
    live_since             TIMESTAMPTZ,
    ingress_id             VARCHAR(255)  UNIQUE,
    ingress_type           VARCHAR(16),
    server_url             VARCHAR(2048),
    stream_key             VARCHAR(255),
    is_chat_enabled        BOOLEAN       NOT NULL DEFAULT TRUE,
    is_chat_delayed        BOOLEAN       NOT NULL DEFAULT FALSE,
    is_chat_followers_only BOOLEAN       NOT NULL DEFAULT FALSE,
    viewer_count           INTEGER       NOT NULL DEFAULT 0,
    created_at             TIMESTAMPTZ   NOT NULL,
    updated_at             TIMESTAMPTZ   NOT NULL,
    version                BIGINT        NOT NULL DEFAULT 0,
    CONSTRAINT stream_channel_mode_check CHECK (mode IN ('WEBRTC', 'RTMP', 'WHIP')),
    CONSTRAINT stream_channel_live_source_check CHECK (live_source IN ('BROWSER', 'INGRESS')),
    CONSTRAINT stream_channel_live_check CHECK (is_live = (live_source IS NOT NULL)),
    CONSTRAINT stream_channel_ingress_type_check CHECK (ingress_type IN ('RTMP', 'WHIP')),
    CONSTRAINT stream_channel_ingress_check CHECK ((ingress_id IS NULL) = (ingress_type IS NULL))
);

-- Viewers find a channel by username (case-insensitive) or by creator id.
CREATE UNIQUE INDEX stream_channel_username ON stream_channel (lower(username));

-- Participants of a creator's room that count as viewers, as the webhooks report them. A row is kept when a
-- viewer leaves (present = false) so that a late, out-of-order participant_joined cannot resurrect them:
-- a change applies only when its webhook is newer than the one recorded (event_at).
CREATE TABLE stream_viewer (
    creator_id  VARCHAR(255) NOT NULL REFERENCES stream_channel (creator_id) ON DELETE CASCADE,
    identity    VARCHAR(255) NOT NULL,
    present     BOOLEAN      NOT NULL,
    event_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (creator_id, identity)
);

-- LiveKit webhook deliveries already applied: LiveKit retries, so the same event id may arrive again.
CREATE TABLE livekit_webhook_event (
    id           VARCHAR(300) PRIMARY KEY,
    event        VARCHAR(64)  NOT NULL,
    received_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX livekit_webhook_event_received ON livekit_webhook_event (received_at);
