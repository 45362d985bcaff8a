-- Sessions as session-service announces them (streaming.sessions): whose each one is and whether it ended, so
-- an animation a platform connector asks for (POST /internal/animations/platform) lands only on the named
-- creator's live session. goal-menu-service does not own sessions; this is a read model.
CREATE TABLE known_session (
    session_id  UUID         PRIMARY KEY,
    creator_id  VARCHAR(255) NOT NULL,
    started_at  TIMESTAMPTZ  NOT NULL,
    ended_at    TIMESTAMPTZ
);
CREATE INDEX known_session_creator_live ON known_session (creator_id, started_at) WHERE ended_at IS NULL;
