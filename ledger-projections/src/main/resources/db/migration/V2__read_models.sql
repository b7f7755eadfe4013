-- Read models kept by the "balances" event processor. Amounts in 分 (bigint).

-- One row per indicator: its fixed attributes and its status.
CREATE TABLE rm_indicator (
    indicator_id        VARCHAR(200) NOT NULL PRIMARY KEY,
    fiscal_year         INTEGER      NOT NULL,
    unit_code           VARCHAR(200) NOT NULL,
    fund_source         VARCHAR(20)  NOT NULL,
    functional_code     VARCHAR(7)   NOT NULL,
    kind                VARCHAR(30)  NOT NULL,
    project_code        TEXT,
    project_name        TEXT,
    economic_code       VARCHAR(5),
    source_indicator_id VARCHAR(200),
    closed_on           DATE,
    closed_at           TIMESTAMPTZ,
    last_sequence       BIGINT       NOT NULL
);
CREATE INDEX rm_indicator_unit ON rm_indicator (fiscal_year, unit_code);

-- The journal of figure movements: one row per event that changes a figure, keyed by the event's
-- identifier (so a redelivered event is written once; not by the tracking token's position, which
-- is not the event's own global index when a late-committed event fills a gap). Every balance, rate and report is a
-- sum over it, filtered by effective date (asOf) and recorded time (knownAt).
CREATE TABLE rm_movement (
    event_id       VARCHAR(255) NOT NULL PRIMARY KEY,
    indicator_id   VARCHAR(200) NOT NULL,
    figure         VARCHAR(12)  NOT NULL, -- INITIAL, ADJUSTMENT, CARRIED_IN, INCOME, SPENT
    amount         BIGINT       NOT NULL,
    economic_code  VARCHAR(5),
    effective_date DATE         NOT NULL,
    recorded_at    TIMESTAMPTZ  NOT NULL
);
CREATE INDEX rm_movement_indicator ON rm_movement (indicator_id, effective_date);

-- Reference data: budget units and the department each belongs to.
CREATE TABLE budget_unit (
    unit_code       VARCHAR(64)  NOT NULL PRIMARY KEY,
    name            TEXT         NOT NULL,
    department_code VARCHAR(64)  NOT NULL,
    department_name TEXT         NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX budget_unit_department ON budget_unit (department_code);
