-- Reads whose cost follows their answer, not the store (the throughput issue, item 7):
-- the auditor's consent events of one purpose in a time window (GET /audit/consents?purpose=&from=&to=)
CREATE INDEX consent_history_purpose_at ON consent_history (purpose, at, id);
-- the DPM's dashboard: ended memberships whose erasure falls due soonest
CREATE INDEX member_view_erasure_due ON member_view (erasure_due_at, member_id)
    WHERE status = 'ENDED' AND erasure_due_at IS NOT NULL;
