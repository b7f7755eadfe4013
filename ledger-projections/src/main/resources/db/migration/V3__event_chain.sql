-- Tamper evidence: every event of domain_event_entry gets one link, written in global order by
-- the "event-chain" event processor (EventChainAppender). A link's hash is SHA-256 over the
-- previous link's hash and the event's stored row (ChainHash); the first link's previous_hash is
-- 64 zeros. ChainVerifier recomputes the chain; an auditor keeps a head hash to check that a
-- later ledger extends it. No foreign key: a deleted event must leave its link behind as evidence.
CREATE TABLE event_chain (
    global_index     BIGINT       NOT NULL PRIMARY KEY,
    event_identifier VARCHAR(255) NOT NULL,
    hash             CHAR(64)     NOT NULL,
    previous_hash    CHAR(64)     NOT NULL
);
-- GET /api/v1/audit/verify?expectHead=<hash> finds the link of a head kept earlier.
CREATE INDEX event_chain_hash ON event_chain (hash);
