-- Every rollup of one creator ($1) derived from that creator's stored tips, as the consumers build them tip
-- by tip (ReadModelRepository.addToRollups). Used by the benchmark's data generator, which bulk-loads raw
-- sessions and tips; RollupDerivationTest proves these rows equal the consumers' for the same events.
-- One statement per line block, separated by ";" at a line end.
INSERT INTO analytics_service.tip_quarter_hour (creator_id, bucket_start, session_id, tip_count, total_cents)
SELECT creator_id, to_timestamp(floor(extract(epoch FROM received_at) / 900) * 900), session_id, count(*), sum(amount_cents)
FROM analytics_service.analytics_tip WHERE creator_id = $1 GROUP BY 1, 2, 3;
INSERT INTO analytics_service.session_tips (session_id, creator_id, tip_count, total_cents)
SELECT session_id, creator_id, count(*), sum(amount_cents)
FROM analytics_service.analytics_tip WHERE creator_id = $1 GROUP BY 1, 2;
INSERT INTO analytics_service.tipper_day (creator_id, day, session_id, tipper_name, tip_count, total_cents, last_tip_at)
SELECT creator_id, (received_at AT TIME ZONE 'UTC')::date, session_id, tipper_name, count(*), sum(amount_cents), max(received_at)
FROM analytics_service.analytics_tip WHERE creator_id = $1 AND tipper_name IS NOT NULL GROUP BY 1, 2, 3, 4;
INSERT INTO analytics_service.tip_amount_day (creator_id, day, session_id, amount_cents, tip_count)
SELECT creator_id, (received_at AT TIME ZONE 'UTC')::date, session_id, amount_cents, count(*)
FROM analytics_service.analytics_tip WHERE creator_id = $1 GROUP BY 1, 2, 3, 4;
INSERT INTO analytics_service.tip_amount_month (creator_id, month, amount_cents, tip_count)
SELECT creator_id, date_trunc('month', received_at AT TIME ZONE 'UTC')::date, amount_cents, count(*)
FROM analytics_service.analytics_tip WHERE creator_id = $1 GROUP BY 1, 2, 3;
INSERT INTO analytics_service.tipper (creator_id, tipper_name, tipper_no, tip_count, total_cents, last_tip_at)
SELECT creator_id, tipper_name, (row_number() OVER (ORDER BY min(received_at), tipper_name) - 1)::integer, count(*),
       sum(amount_cents), max(received_at)
FROM analytics_service.analytics_tip WHERE creator_id = $1 AND tipper_name IS NOT NULL GROUP BY creator_id, tipper_name;
INSERT INTO analytics_service.tipper_bits_day (creator_id, day, session_id, bits)
WITH bytes AS (
  SELECT t.creator_id, (t.received_at AT TIME ZONE 'UTC')::date AS day, t.session_id, p.tipper_no / 8 AS i,
         bit_or(1 << (p.tipper_no % 8)) AS b
  FROM analytics_service.analytics_tip t
  JOIN analytics_service.tipper p ON p.creator_id = t.creator_id AND p.tipper_name = t.tipper_name
  WHERE t.creator_id = $1 GROUP BY 1, 2, 3, 4),
-- Each present byte preceded by the zero bytes since the previous one: the bitmap, without a row per byte.
spaced AS (SELECT creator_id, day, session_id, i, repeat('00', (i - coalesce(lag(i) OVER (PARTITION BY creator_id, day, session_id ORDER BY i), -1) - 1)::integer)
                  || lpad(to_hex(b), 2, '0') AS hex FROM bytes)
SELECT creator_id, day, session_id, decode(string_agg(hex, '' ORDER BY i), 'hex') FROM spaced GROUP BY creator_id, day, session_id;
INSERT INTO analytics_service.tipper_bits_month (creator_id, month, bits)
WITH bytes AS (
  SELECT t.creator_id, date_trunc('month', t.received_at AT TIME ZONE 'UTC')::date AS month, p.tipper_no / 8 AS i,
         bit_or(1 << (p.tipper_no % 8)) AS b
  FROM analytics_service.analytics_tip t
  JOIN analytics_service.tipper p ON p.creator_id = t.creator_id AND p.tipper_name = t.tipper_name
  WHERE t.creator_id = $1 GROUP BY 1, 2, 3),
spaced AS (SELECT creator_id, month, i, repeat('00', (i - coalesce(lag(i) OVER (PARTITION BY creator_id, month ORDER BY i), -1) - 1)::integer)
                  || lpad(to_hex(b), 2, '0') AS hex FROM bytes)
SELECT creator_id, month, decode(string_agg(hex, '' ORDER BY i), 'hex') FROM spaced GROUP BY creator_id, month;
