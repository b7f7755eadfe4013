-- A repeated posting's answer (type, id, indicator, sequence) is rebuilt from the receipt's own
-- columns: the JSON copy of them cost each posting a serialization and ~110 bytes more to write.
ALTER TABLE posting_receipt DROP COLUMN response;
