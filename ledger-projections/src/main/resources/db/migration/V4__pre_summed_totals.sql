-- Sums of rm_movement kept beside it by the "balances" processor, in the same transaction, so that
-- reads over a whole department do not sum 10^6 movements (MovementSource):
-- rm_total per indicator, figure and economic code (reads as known now, without asOf);
-- rm_month_total the same per month of the effective date (reads with asOf: whole months from here,
-- the rest of asOf's month from rm_movement). No economic code is '' (a key column cannot be null).
CREATE TABLE rm_total (
    indicator_id  VARCHAR(200) NOT NULL,
    figure        VARCHAR(12)  NOT NULL,
    economic_code VARCHAR(5)   NOT NULL,
    amount        BIGINT       NOT NULL,
    PRIMARY KEY (indicator_id, figure, economic_code)
);

CREATE TABLE rm_month_total (
    indicator_id  VARCHAR(200) NOT NULL,
    figure        VARCHAR(12)  NOT NULL,
    economic_code VARCHAR(5)   NOT NULL,
    month         DATE         NOT NULL, -- the first day of the month
    amount        BIGINT       NOT NULL,
    PRIMARY KEY (indicator_id, figure, economic_code, month)
);

INSERT INTO rm_total (indicator_id, figure, economic_code, amount)
SELECT indicator_id, figure, COALESCE(economic_code, ''), sum(amount) FROM rm_movement GROUP BY 1, 2, 3;

INSERT INTO rm_month_total (indicator_id, figure, economic_code, month, amount)
SELECT indicator_id, figure, COALESCE(economic_code, ''), date_trunc('month', effective_date)::date, sum(amount)
FROM rm_movement GROUP BY 1, 2, 3, 4;

-- the part of asOf's month that is read from the journal
CREATE INDEX rm_movement_effective_date ON rm_movement (effective_date);

-- Nothing reads it, and rewriting it with every batch left rm_indicator mostly dead rows.
ALTER TABLE rm_indicator DROP COLUMN last_sequence;
