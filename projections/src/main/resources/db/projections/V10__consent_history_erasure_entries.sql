-- An erasure closes every open consent of the member with one entry per purpose (type ERASED),
-- all from the one MemberErased event: an event may now yield one row per purpose.
ALTER TABLE consent_history DROP CONSTRAINT consent_history_event;
ALTER TABLE consent_history ADD CONSTRAINT consent_history_event UNIQUE (member_id, seq, purpose);
