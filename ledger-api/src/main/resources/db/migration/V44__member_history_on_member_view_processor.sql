-- Issue 16: the member history is a processing group of the member-view processor now
-- (MessagingConfiguration): one stream read and one transaction per batch for both. The old
-- member-history processor's tokens go. Where the history was behind the member view, the
-- member-view processor restarts from the history's position, so the history misses no event;
-- the member view then sees some events again, which changes nothing (its handlers claim each
-- event by the member's version before they write; the history's rows are keyed by member and
-- sequence: ExactlyOnceIT's redelivery test). A token the statement cannot compare (a replay in
-- progress, no token) counts as behind.
UPDATE token_entry v
SET token = h.token, token_type = h.token_type
FROM token_entry h
WHERE v.processor_name = 'member-view'
  AND h.processor_name = 'member-history'
  AND h.segment = v.segment
  AND v.token IS NOT NULL
  AND (h.token IS NULL
       OR h.token_type IS DISTINCT FROM 'org.axonframework.eventhandling.GapAwareTrackingToken'
       OR v.token_type IS DISTINCT FROM 'org.axonframework.eventhandling.GapAwareTrackingToken'
       OR (convert_from(h.token, 'UTF8')::jsonb ->> 'index')::bigint
          < (convert_from(v.token, 'UTF8')::jsonb ->> 'index')::bigint);

DELETE FROM token_entry WHERE processor_name = 'member-history';
