-- Tip goals: ordered per session, progress in cents, completed once.
CREATE TABLE tip_goal (
    id             UUID PRIMARY KEY,
    creator_id     VARCHAR(255) NOT NULL,
    session_id     UUID         NOT NULL,
    title          VARCHAR(200) NOT NULL,
    target_cents   BIGINT       NOT NULL,
    current_cents  BIGINT       NOT NULL DEFAULT 0,
    position       INTEGER      NOT NULL,
    completed_at   TIMESTAMPTZ,
    created_at     TIMESTAMPTZ  NOT NULL,
    updated_at     TIMESTAMPTZ  NOT NULL,
    CONSTRAINT tip_goal_target_check CHECK (target_cents > 0),
    CONSTRAINT tip_goal_progress_check CHECK (current_cents >= 0 AND current_cents <= target_cents),
    CONSTRAINT tip_goal_completed_check CHECK ((completed_at IS NOT NULL) = (current_cents = target_cents))
);
CREATE INDEX tip_goal_session_order ON tip_goal (session_id, creator_id, position, created_at, id);

-- Tip menu: a tip amount must identify at most one active item, so active prices are unique per creator.
CREATE TABLE tip_menu_item (
    id           UUID PRIMARY KEY,
    creator_id   VARCHAR(255) NOT NULL,
    title        VARCHAR(100) NOT NULL,
    description  VARCHAR(500),
    price_cents  BIGINT       NOT NULL,
    category     VARCHAR(16)  NOT NULL,
    active       BOOLEAN      NOT NULL,
    position     INTEGER      NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL,
    CONSTRAINT tip_menu_item_price_check CHECK (price_cents > 0),
    CONSTRAINT tip_menu_item_category_check CHECK (category IN ('PERFORMANCE', 'REQUEST', 'INTERACTION', 'CUSTOM'))
);
CREATE UNIQUE INDEX tip_menu_item_one_active_price ON tip_menu_item (creator_id, price_cents) WHERE active;
CREATE INDEX tip_menu_item_creator_order ON tip_menu_item (creator_id, position, price_cents, created_at, id);

-- Animation rules: a tip at or above threshold_cents fires the active rule with the highest threshold it reaches.
CREATE TABLE animation_rule (
    id               UUID PRIMARY KEY,
    creator_id       VARCHAR(255) NOT NULL,
    threshold_cents  BIGINT       NOT NULL,
    type             VARCHAR(16)  NOT NULL,
    metadata         JSONB        NOT NULL DEFAULT '{}'::jsonb,
    active           BOOLEAN      NOT NULL,
    created_at       TIMESTAMPTZ  NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL,
    CONSTRAINT animation_rule_threshold_check CHECK (threshold_cents > 0),
    CONSTRAINT animation_rule_type_check CHECK (type IN ('CONFETTI', 'HEARTS', 'RAIN', 'CUSTOM'))
);
CREATE UNIQUE INDEX animation_rule_one_active_threshold ON animation_rule (creator_id, threshold_cents) WHERE active;
CREATE INDEX animation_rule_creator_threshold ON animation_rule (creator_id, threshold_cents);
