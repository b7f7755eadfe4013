-- Where an expenditure is after it was moved to another indicator (调账), written in the move's
-- transaction: a later reversal or move of it goes there. An expenditure never moved has no row
-- here; its posting's receipt names its indicator.
CREATE TABLE expenditure_location (
    expenditure_id VARCHAR(200) NOT NULL PRIMARY KEY,
    indicator_id   VARCHAR(200) NOT NULL
);
