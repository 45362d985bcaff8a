-- One OBS overlay key per creator. The key itself is kept so the creator can read it again (like a
-- stream key); gateways only ever see its SHA-256.
CREATE TABLE overlay_key (
    creator_id   VARCHAR(255) PRIMARY KEY,
    overlay_key  VARCHAR(64)  NOT NULL UNIQUE,
    key_hash     CHAR(64)     NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ  NOT NULL,
    rotated_at   TIMESTAMPTZ  NOT NULL
);
