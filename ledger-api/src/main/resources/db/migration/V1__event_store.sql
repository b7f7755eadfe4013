-- Axon's JDBC event store, token store and the posting receipts, on PostgreSQL.
-- bytea and BIGSERIAL as Axon's PostgresEventTableFactory makes them (no JPA, no large objects).

CREATE TABLE domain_event_entry (
    global_index         BIGSERIAL    NOT NULL PRIMARY KEY,
    event_identifier     VARCHAR(255) NOT NULL UNIQUE,
    meta_data            BYTEA,
    payload              BYTEA        NOT NULL,
    payload_revision     VARCHAR(255),
    payload_type         VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255),
    UNIQUE (aggregate_identifier, sequence_number)
);

CREATE TABLE snapshot_event_entry (
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255) NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL UNIQUE,
    meta_data            BYTEA,
    payload              BYTEA        NOT NULL,
    payload_revision     VARCHAR(255),
    payload_type         VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregate_identifier, sequence_number)
);

CREATE TABLE token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BYTEA,
    token_type     VARCHAR(255),
    timestamp      VARCHAR(255),
    owner          VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);

-- One row per accepted posting, written in the same transaction as its events: the caller's id
-- makes a posting idempotent (same content answers the stored response, other content conflicts),
-- and an expenditure's row tells which indicator a reversal goes to.
CREATE TABLE posting_receipt (
    posting_type  VARCHAR(20)  NOT NULL,
    posting_id    VARCHAR(200) NOT NULL,
    content_hash  CHAR(64)     NOT NULL,
    indicator_id  VARCHAR(200) NOT NULL,
    sequence      BIGINT       NOT NULL,
    response      TEXT         NOT NULL,
    posted_by     VARCHAR(200) NOT NULL,
    recorded_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (posting_type, posting_id)
);

-- The unit each indicator belongs to, written with the posting that creates the indicator, so a
-- POSTER key limited to some units is checked against consistent data (not a lagging read model).
CREATE TABLE indicator_unit (
    indicator_id VARCHAR(200) NOT NULL PRIMARY KEY,
    unit_code    VARCHAR(64)  NOT NULL
);
