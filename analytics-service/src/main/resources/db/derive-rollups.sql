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
