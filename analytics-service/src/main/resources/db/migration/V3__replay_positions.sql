-- Rebuildable read model: the consumers keep their own position per partition here, in the transaction
-- that applies each record, instead of trusting Kafka's committed offsets. A rebuild empties the model and
-- this table in one transaction; a consumer that then meets a record past its (missing) position seeks back
-- to the partition's first record, whatever replica it runs on, and nothing is applied twice or skipped.
-- A model built before this table existed is kept: its consumers replay the topics over it once, and every
-- fact is keyed by its own id (tip, goal, session), so nothing counts twice.
CREATE TABLE replay_position (
    consumer     VARCHAR(100) NOT NULL,
    partition    INTEGER      NOT NULL,
    topic        VARCHAR(255) NOT NULL,
    next_offset  BIGINT       NOT NULL,
    PRIMARY KEY (consumer, partition)
);

-- One row per rebuild an operator asked for.
CREATE TABLE read_model_rebuild (
    generation    BIGSERIAL    PRIMARY KEY,
    requested_at  TIMESTAMPTZ  NOT NULL
);

-- The partitions a rebuild must replay and where they ended when it was asked for: it is complete when
-- every consumer's position has reached those ends.
CREATE TABLE rebuild_target (
    generation    BIGINT       NOT NULL REFERENCES read_model_rebuild (generation) ON DELETE CASCADE,
    consumer      VARCHAR(100) NOT NULL,
    topic         VARCHAR(255) NOT NULL,
    partition     INTEGER      NOT NULL,
    first_offset  BIGINT       NOT NULL,
    end_offset    BIGINT       NOT NULL,
    PRIMARY KEY (generation, consumer, partition)
);
