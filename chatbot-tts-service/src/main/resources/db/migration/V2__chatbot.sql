-- Creators' chatbot personas; triggers and their templates are stored with the persona (JSON), always read with it.
CREATE TABLE chatbot_persona (
    id                       UUID PRIMARY KEY,
    creator_id               VARCHAR(255) NOT NULL,
    creator_name             VARCHAR(255),
    name                     VARCHAR(60)  NOT NULL,
    color                    VARCHAR(7),
    avatar_url               VARCHAR(500),
    priority                 INTEGER      NOT NULL DEFAULT 0,
    enabled                  BOOLEAN      NOT NULL DEFAULT TRUE,
    cooldown_seconds         INTEGER      NOT NULL DEFAULT 0,
    sender_cooldown_seconds  INTEGER      NOT NULL DEFAULT 0,
    triggers                 TEXT         NOT NULL,
    created_at               TIMESTAMPTZ  NOT NULL,
    updated_at               TIMESTAMPTZ  NOT NULL,
    version                  BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX chatbot_persona_creator ON chatbot_persona (creator_id, priority DESC);

-- What replies need to know, projected from other services' events (never their tables).
-- Sessions: whose they are, so a chat message names only the creator's own session.
CREATE TABLE known_session (
    session_id  UUID PRIMARY KEY,
    creator_id  VARCHAR(255) NOT NULL,
    active      BOOLEAN      NOT NULL
);

-- Goals as last announced (streaming.goal.progress).
CREATE TABLE goal_snapshot (
    goal_id        UUID PRIMARY KEY,
    session_id     UUID         NOT NULL,
    creator_id     VARCHAR(255) NOT NULL,
    title          VARCHAR(200) NOT NULL,
    current_cents  BIGINT       NOT NULL,
    target_cents   BIGINT       NOT NULL,
    completed      BOOLEAN      NOT NULL,
    position       BIGINT       NOT NULL
);
CREATE INDEX goal_snapshot_session ON goal_snapshot (session_id, position);

-- Each creator's active menu items as last announced (streaming.menu.updated carries the whole menu).
CREATE TABLE menu_snapshot (
    creator_id  VARCHAR(255) PRIMARY KEY,
    items       TEXT         NOT NULL
);
