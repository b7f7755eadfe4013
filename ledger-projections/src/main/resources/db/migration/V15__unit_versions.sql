-- Budget units as history (issue 24): one row per version of a unit, from its UnitRegistered and
-- UnitChanged events, written in the event's transaction and again, idempotently, by the balances
-- processor (so a replay rebuilds it). budget_unit (V2) is no longer written or read; its rows are
-- registered as units at start (ledger-api unit/LegacyUnits).
CREATE TABLE unit_version (
    unit_code        VARCHAR(64)  NOT NULL,
    version          BIGINT       NOT NULL, -- the event's sequence number within its unit
    name             TEXT         NOT NULL,
    department_code  VARCHAR(64)  NOT NULL,
    department_name  TEXT         NOT NULL,
    unit_type        VARCHAR(32)  NOT NULL,
    parent_unit_code VARCHAR(64),
    effective_date   DATE         NOT NULL,
    recorded_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (unit_code, version)
);
CREATE INDEX unit_version_department ON unit_version (department_code);
