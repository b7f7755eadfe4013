-- API keys an ADMIN issues at run time (POST /api/v1/api-keys); keys in configuration are not here.
-- The secret itself is never stored: only its SHA-256 (ApiKeys.hash), which authentication looks up.
CREATE TABLE api_key (
    key_id      uuid PRIMARY KEY,
    -- what the audit trail records as postedBy: one key's, for good (revoked keys keep theirs)
    name        varchar(200) NOT NULL UNIQUE,
    role        varchar(16)  NOT NULL,
    departments text[]       NOT NULL,
    units       text[]       NOT NULL,
    secret_hash char(64)     NOT NULL UNIQUE,
    created_by  varchar(200) NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    revoked_by  varchar(200),
    revoked_at  timestamptz
);

-- Every change of a key, however made (the API, or an operator's UPDATE), tells each node's
-- listener (IssuedKeyCache) on commit to forget the keys it holds in memory.
CREATE FUNCTION api_key_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('ledger_api_key', CASE WHEN TG_OP = 'DELETE' THEN OLD.key_id ELSE NEW.key_id END::text);
    RETURN NULL;
END $$;

CREATE TRIGGER api_key_changed AFTER INSERT OR UPDATE OR DELETE ON api_key
    FOR EACH ROW EXECUTE FUNCTION api_key_changed();
