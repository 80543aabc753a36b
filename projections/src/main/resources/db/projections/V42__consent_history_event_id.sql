-- Each consent-history entry names the stored event it was projected from, so an auditor can fetch
-- that event's leaf and inclusion proof from the verifiable ledger (/api/v1/ledger/leaves?eventId=).
-- Entries projected before keep NULL until the read model is replayed.
ALTER TABLE consent_history ADD COLUMN event_id VARCHAR(255);
