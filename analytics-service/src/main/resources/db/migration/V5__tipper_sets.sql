-- Unique tippers of any range, exact and fast: each creator's named tippers get a number (tipper_no), and
-- the tippers of each UTC day and session, and of each UTC month, are a bitmap over those numbers (bit n:
-- byte n/8, bit n%8, as PostgreSQL's set_bit numbers them). A range's unique tippers are the bits set in
-- the OR of its months' and edge days' bitmaps plus its partial days' raw tips: a few dozen bitmaps of a
-- few KB, never a scan of every tipper-day. The table also holds each tipper's lifetime totals.
CREATE TABLE tipper (
    creator_id    VARCHAR(255) NOT NULL,
    tipper_name   VARCHAR(255) NOT NULL,
    tipper_no     INTEGER      NOT NULL,
    tip_count     BIGINT       NOT NULL,
    total_cents   BIGINT       NOT NULL,
    last_tip_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (creator_id, tipper_name),
    UNIQUE (creator_id, tipper_no)
);
CREATE INDEX tipper_by_total ON tipper (creator_id, total_cents DESC);

CREATE TABLE tipper_bits_day (
    creator_id  VARCHAR(255) NOT NULL,
    day         DATE         NOT NULL,
    session_id  UUID         NOT NULL,
    bits        BYTEA        NOT NULL,
    PRIMARY KEY (creator_id, day, session_id)
);

CREATE TABLE tipper_bits_month (
    creator_id  VARCHAR(255) NOT NULL,
    month       DATE         NOT NULL,
    bits        BYTEA        NOT NULL,
    PRIMARY KEY (creator_id, month)
);

-- A model built before these tables: numbers and bitmaps from the tips already stored (as derive-rollups.sql).
INSERT INTO tipper (creator_id, tipper_name, tipper_no, tip_count, total_cents, last_tip_at)
SELECT creator_id, tipper_name, (row_number() OVER (PARTITION BY creator_id ORDER BY min(received_at), tipper_name) - 1)::integer, count(*),
       sum(amount_cents), max(received_at)
FROM analytics_tip WHERE tipper_name IS NOT NULL GROUP BY creator_id, tipper_name;
INSERT INTO tipper_bits_day (creator_id, day, session_id, bits)
WITH bytes AS (
  SELECT t.creator_id, (t.received_at AT TIME ZONE 'UTC')::date AS day, t.session_id, p.tipper_no / 8 AS i,
         bit_or(1 << (p.tipper_no % 8)) AS b
  FROM analytics_tip t
  JOIN tipper p ON p.creator_id = t.creator_id AND p.tipper_name = t.tipper_name
  GROUP BY 1, 2, 3, 4),
-- Each present byte preceded by the zero bytes since the previous one: the bitmap, without a row per byte.
spaced AS (SELECT creator_id, day, session_id, i, repeat('00', (i - coalesce(lag(i) OVER (PARTITION BY creator_id, day, session_id ORDER BY i), -1) - 1)::integer)
                  || lpad(to_hex(b), 2, '0') AS hex FROM bytes)
SELECT creator_id, day, session_id, decode(string_agg(hex, '' ORDER BY i), 'hex') FROM spaced GROUP BY creator_id, day, session_id;
INSERT INTO tipper_bits_month (creator_id, month, bits)
WITH bytes AS (
  SELECT t.creator_id, date_trunc('month', t.received_at AT TIME ZONE 'UTC')::date AS month, p.tipper_no / 8 AS i,
         bit_or(1 << (p.tipper_no % 8)) AS b
  FROM analytics_tip t
  JOIN tipper p ON p.creator_id = t.creator_id AND p.tipper_name = t.tipper_name
  GROUP BY 1, 2, 3),
spaced AS (SELECT creator_id, month, i, repeat('00', (i - coalesce(lag(i) OVER (PARTITION BY creator_id, month ORDER BY i), -1) - 1)::integer)
                  || lpad(to_hex(b), 2, '0') AS hex FROM bytes)
SELECT creator_id, month, decode(string_agg(hex, '' ORDER BY i), 'hex') FROM spaced GROUP BY creator_id, month;
