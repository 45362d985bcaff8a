-- How many tips of each amount a creator got per UTC day and session: the median of any range merges
-- these histograms (and reads raw tips only for the partial UTC days at a range's ends), exact to the cent
-- without sorting every tip. Tip amounts cluster on a few values (token packages), so a day has few rows.
CREATE TABLE tip_amount_day (
    creator_id    VARCHAR(255) NOT NULL,
    day           DATE         NOT NULL,
    session_id    UUID         NOT NULL,
    amount_cents  BIGINT       NOT NULL,
    tip_count     BIGINT       NOT NULL,
    PRIMARY KEY (creator_id, day, session_id, amount_cents)
);

-- Top tippers of long ranges look their candidates up by name across days; short ranges read a range of
-- days. Both from the index alone (INCLUDE), without visiting rows scattered over the table.
CREATE INDEX tipper_day_creator_tipper ON tipper_day (creator_id, tipper_name, day)
    INCLUDE (tip_count, total_cents, last_tip_at);
CREATE INDEX tipper_day_creator_day ON tipper_day (creator_id, day)
    INCLUDE (tipper_name, tip_count, total_cents, last_tip_at);

-- A model built before this table: its histograms come from the tips already stored.
INSERT INTO tip_amount_day (creator_id, day, session_id, amount_cents, tip_count)
SELECT creator_id, (received_at AT TIME ZONE 'UTC')::date, session_id, amount_cents, count(*)
FROM analytics_tip GROUP BY 1, 2, 3, 4;
