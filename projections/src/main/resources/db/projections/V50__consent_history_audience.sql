-- Who consents to a purpose at a moment (the portal's audience, a campaign audit): the last consent
-- event per member of the purpose, in member order, read from this index and stopped at the page's end.
CREATE INDEX consent_history_member_purpose ON consent_history (purpose, member_id, at DESC, seq DESC);
