-- Witness cosignatures (C2SP tlog-cosignature lines) gathered for a checkpoint after it was signed.
-- Kept apart from the signed note, which stays byte for byte what the log's key signed (and what its
-- file in the checkpoint directory holds); served together.
ALTER TABLE ledger_log_checkpoint ADD COLUMN cosignatures text NOT NULL DEFAULT '';
