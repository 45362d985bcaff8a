-- The analytics read model, fed only by domain events (sessions, tips, goals). Everything here can be
-- rebuilt by replaying those topics; test tips never get in.

-- Sessions as session-service announces them. The viewer columns integrate the announced viewer count
-- over time (viewer_millis), so an average weighted by time needs no samples table.
CREATE TABLE analytics_session (
    id                    UUID PRIMARY KEY,
    creator_id            VARCHAR(255) NOT NULL,
    platform              VARCHAR(32)  NOT NULL,
    title                 VARCHAR(200),
    started_at            TIMESTAMPTZ  NOT NULL,
    ended_at              TIMESTAMPTZ,
    duration_seconds      BIGINT,
    announced_tips_cents  BIGINT       NOT NULL DEFAULT 0,
    announced_tip_count   INTEGER      NOT NULL DEFAULT 0,
    peak_viewers          INTEGER      NOT NULL DEFAULT 0,
    current_viewers       INTEGER      NOT NULL DEFAULT 0,
    viewers_observed_at   TIMESTAMPTZ  NOT NULL,
    viewer_millis         BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX analytics_session_creator_started ON analytics_session (creator_id, started_at, id);

-- Every counted tip, kept for exports, medians and per-session reports.
CREATE TABLE analytics_tip (
    tip_id              UUID PRIMARY KEY,
    creator_id          VARCHAR(255) NOT NULL,
    session_id          UUID         NOT NULL,
    amount_cents        BIGINT       NOT NULL,
    tipper_name         VARCHAR(255),
    message             TEXT,
    source              VARCHAR(32),
    menu_item_id        UUID,
    menu_item_title     VARCHAR(255),
    menu_item_category  VARCHAR(32),
    received_at         TIMESTAMPTZ  NOT NULL
);
CREATE INDEX analytics_tip_creator_received ON analytics_tip (creator_id, received_at, tip_id);
CREATE INDEX analytics_tip_session_received ON analytics_tip (session_id, received_at);

-- Tips per creator, session and UTC quarter hour. Quarter hours, not hours: every time zone in use today
-- is a whole number of quarter hours from UTC, so the days of any zone are whole sets of buckets and the
-- per-day figures stay exact to the cent without touching the raw tips.
CREATE TABLE tip_quarter_hour (
    creator_id    VARCHAR(255) NOT NULL,
    bucket_start  TIMESTAMPTZ  NOT NULL,
    session_id    UUID         NOT NULL,
    tip_count     BIGINT       NOT NULL,
    total_cents   BIGINT       NOT NULL,
    PRIMARY KEY (creator_id, bucket_start, session_id)
);

-- Tips per creator, UTC day, session and tipper (named tippers only): leaderboards and unique tippers
-- read these for the whole UTC days of a range and the raw tips only for its partial first and last day.
CREATE TABLE tipper_day (
    creator_id    VARCHAR(255) NOT NULL,
    day           DATE         NOT NULL,
    session_id    UUID         NOT NULL,
    tipper_name   VARCHAR(255) NOT NULL,
    tip_count     BIGINT       NOT NULL,
    total_cents   BIGINT       NOT NULL,
    last_tip_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (creator_id, day, session_id, tipper_name)
);

-- Tip totals per session, whether or not the session's own events have arrived yet.
CREATE TABLE session_tips (
    session_id    UUID PRIMARY KEY,
    creator_id    VARCHAR(255) NOT NULL,
    tip_count     BIGINT       NOT NULL,
    total_cents   BIGINT       NOT NULL
);

CREATE TABLE goal_completion (
    goal_id       UUID PRIMARY KEY,
    session_id    UUID         NOT NULL,
    creator_id    VARCHAR(255) NOT NULL,
    title         VARCHAR(255),
    target_cents  BIGINT       NOT NULL,
    completed_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX goal_completion_session ON goal_completion (session_id, completed_at);
