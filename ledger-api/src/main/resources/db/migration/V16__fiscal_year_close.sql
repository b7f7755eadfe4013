-- The closes of fiscal years (yearend/ClosedYears): each department's or unit's year as its latest
-- FiscalYearClosed / FiscalYearReopened event left it, written in the transaction that stores the event.
CREATE TABLE fiscal_year_close (
    close_id           text PRIMARY KEY,
    fiscal_year        integer NOT NULL,
    department_code    text,
    unit_code          text,
    closed             boolean NOT NULL,
    closed_at_sequence bigint  NOT NULL,
    reopened           boolean NOT NULL DEFAULT false,
    CHECK ((department_code IS NULL) <> (unit_code IS NULL))
);
