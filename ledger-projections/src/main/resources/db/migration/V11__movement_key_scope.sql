-- Each key carries its indicator's scope (fixed when the indicator is appropriated), as rm_year_total
-- does, so that a read of the journal (knownAt, and the days of asOf's month) filters and groups
-- its ~10^4 key sums without joining each with rm_indicator. Measured with psql on the bench's
-- database (2x10^6 movements, the largest department): execution-rates asOf 2024-05-14 to 17
-- 140-157 ms with the join, 109-114 ms without; knownAt mid-load 287-367 ms against 272-320 ms.
ALTER TABLE rm_movement_key ADD COLUMN fiscal_year INTEGER;
ALTER TABLE rm_movement_key ADD COLUMN unit_code VARCHAR(200);

UPDATE rm_movement_key k SET fiscal_year = i.fiscal_year, unit_code = i.unit_code
FROM rm_indicator i WHERE i.indicator_id = k.indicator_id;

ALTER TABLE rm_movement_key ALTER COLUMN fiscal_year SET NOT NULL;
ALTER TABLE rm_movement_key ALTER COLUMN unit_code SET NOT NULL;
