-- The code lists loaded at run time (ClassificationListLoaded events), one per fiscal year and kind
-- (functional, economic, government-economic), written in the transaction that stores the event and
-- rebuilt from the events at start. A loaded list wins over the list shipped for its year and kind.
CREATE TABLE classification_list (
    fiscal_year      INTEGER      NOT NULL,
    kind             VARCHAR(32)  NOT NULL,
    event_identifier VARCHAR(255) NOT NULL,
    loaded_by        TEXT         NOT NULL,
    loaded_at        TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (fiscal_year, kind)
);

CREATE TABLE classification_code (
    fiscal_year                 INTEGER     NOT NULL,
    kind                        VARCHAR(32) NOT NULL,
    code                        VARCHAR(7)  NOT NULL,
    name                        TEXT        NOT NULL,
    government_code             VARCHAR(5),
    institution_government_code VARCHAR(5),
    PRIMARY KEY (fiscal_year, kind, code),
    FOREIGN KEY (fiscal_year, kind) REFERENCES classification_list ON DELETE CASCADE
);
