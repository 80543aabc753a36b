-- A verification that went on from an earlier one records where it started (0: every leaf was read).
ALTER TABLE ledger_log_verification ADD COLUMN from_tree_size BIGINT NOT NULL DEFAULT 0;
