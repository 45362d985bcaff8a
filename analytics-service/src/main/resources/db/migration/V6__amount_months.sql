-- How many tips of each amount a creator got per UTC month: the median of a long range without a platform
-- filter merges these for its whole months and the day histograms only for the days around them. A month of
-- a creator has as many rows as one of its days has amounts times its sessions, thirty times fewer.
CREATE TABLE tip_amount_month (
    creator_id    VARCHAR(255) NOT NULL,
    month         DATE         NOT NULL,
    amount_cents  BIGINT       NOT NULL,
    tip_count     BIGINT       NOT NULL,
    PRIMARY KEY (creator_id, month, amount_cents)
);

-- A model built before this table: its month histograms from the day histograms already stored.
INSERT INTO tip_amount_month (creator_id, month, amount_cents, tip_count)
SELECT creator_id, date_trunc('month', day)::date, amount_cents, sum(tip_count)
FROM tip_amount_day GROUP BY 1, 2, 3;
