-- Checkpoints of the journal for reads as known at a moment (knownAt), kept by the "balances"
-- processor (KnownCheckpoints): a checkpoint holds, per key, the sum of every movement recorded at or
-- before its known_through. A read as known at T sums the latest checkpoint at or before T and the
-- movements recorded after it up to T, instead of the whole journal. Without them such a read
-- scanned the journal: 493–532 ms p50 for final-accounts at 1.8x10^6 movements in the bench's runs
-- of 2026-12-07, growing with the journal. On 2x10^6 made-up movements over 30,000 keys (psql) the
-- sum of half the journal took 538–562 ms, the same from a checkpoint 78 ms.
--
-- Checkpoint 0 holds no sums and counts the movements recorded since -infinity; the processor writes
-- the next checkpoint once the latest has at least 4 movements after it per key it holds (and at least
-- 10,000): the rows kept stay a fraction of the journal and a read sums a bounded tail of it. A
-- movement recorded at or before a checkpoint but written after it (an event that committed late)
-- is added to that checkpoint and every later one.
CREATE TABLE rm_known_checkpoint (
    checkpoint      INTEGER     NOT NULL PRIMARY KEY,
    known_through   TIMESTAMPTZ NOT NULL,
    movements_after BIGINT      NOT NULL, -- written since it, counted to decide on the next one
    keys            INTEGER     NOT NULL  -- rows of rm_known_sum it holds
);

CREATE TABLE rm_known_sum (
    checkpoint INTEGER NOT NULL,
    key_id     INTEGER NOT NULL,
    amount     BIGINT  NOT NULL,
    PRIMARY KEY (checkpoint, key_id)
);

INSERT INTO rm_known_checkpoint (checkpoint, known_through, movements_after, keys)
SELECT 0, '-infinity', count(*), 0 FROM rm_movement;

-- The movements after a checkpoint. The journal is written about in recorded order, so new entries
-- go to the index's right edge: 300,000 of the bench's movements inserted 1,000 a statement took
-- 11.3 µs a row with it, 9.5 without (psql, alternated twice). A block range (BRIN) index cost
-- nothing, but only VACUUM summarizes the ranges written since the last one, and a read scans every
-- range not summarized: 20,148 of the heap's pages for a tail of 27,226 movements after the bench's
-- rebuild (530 ms, where the checkpoint's sums took 10).
CREATE INDEX rm_movement_recorded_at ON rm_movement (recorded_at);
