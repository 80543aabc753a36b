-- The key vault: one data key per data subject, wrapped (AES-256-GCM) by the master key, which
-- never enters the database. Erasure sets wrapped_key to NULL and keeps the row as a tombstone,
-- so no retried or late command can ever mint a new key for an erased subject.
CREATE TABLE data_key (
    subject_id  UUID        NOT NULL PRIMARY KEY,
    wrapped_key BYTEA,
    kek_id      VARCHAR(32),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    shredded_at TIMESTAMPTZ,
    CONSTRAINT data_key_live_or_tombstone CHECK (
        (wrapped_key IS NOT NULL AND kek_id IS NOT NULL AND shredded_at IS NULL)
        OR (wrapped_key IS NULL AND kek_id IS NULL AND shredded_at IS NOT NULL))
);
CREATE INDEX data_key_kek ON data_key (kek_id) WHERE kek_id IS NOT NULL;
