-- Signed checkpoints of the ledger's Merkle log: a C2SP tlog-checkpoint (origin, tree size, root)
-- in a signed note (Ed25519). Each is also written to a file outside the database
-- (LEDGER_CHECKPOINT_DIR); an auditor's verifier trusts the files and the public key, not this table.
CREATE TABLE ledger_log_checkpoint (
    tree_size BIGINT      NOT NULL PRIMARY KEY,
    root_hash BYTEA       NOT NULL,
    note      TEXT        NOT NULL,
    signed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT ledger_log_checkpoint_size CHECK (tree_size >= 0),
    CONSTRAINT ledger_log_checkpoint_root_size CHECK (octet_length(root_hash) = 32)
);
