-- The log's share of a command's cost (docs/verifiable-ledger.md "Cost"): fewer index entries per event.
-- Subtrees below level 4 (16 leaves) are no longer stored: proofs compute them from the leaves they
-- cover (ledger.core.log.StoredSubtrees), so ledger_log_node gets about one row per 16 leaves.
DELETE FROM ledger_log_node WHERE level < 4;
ALTER TABLE ledger_log_node DROP CONSTRAINT ledger_log_node_level;
ALTER TABLE ledger_log_node ADD CONSTRAINT ledger_log_node_level CHECK (level BETWEEN 4 AND 63);
-- A leaf is found by event id through the event row's global index (unique in both tables); one
-- global index per leaf still makes one leaf per event.
ALTER TABLE ledger_log_leaf DROP CONSTRAINT ledger_log_leaf_event_identifier;
