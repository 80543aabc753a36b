-- Issue 16, as V44: the erasure receipts and the data-subject requests are processing groups of the
-- consent-history processor now (MessagingConfiguration.SHARED_PROCESSORS). All three ran on one
-- segment. The consent-history processor restarts from the earliest of the three positions, so
-- neither read model misses an event; what the others then see again changes nothing (receipts
-- are keyed by subject, the consent history and the request trail by member or request and
-- sequence, the request rows are set to what the events say, in order). A token the statement
-- cannot compare (a replay in progress, no token) counts as the earliest.
UPDATE token_entry v
SET token = earliest.token, token_type = earliest.token_type
FROM (SELECT DISTINCT ON (h.segment) h.segment, h.token, h.token_type
      FROM token_entry h
      WHERE h.processor_name IN ('erasure-receipts', 'data-subject-requests')
      ORDER BY h.segment,
               (h.token IS NULL
                    OR h.token_type IS DISTINCT FROM 'org.axonframework.eventhandling.GapAwareTrackingToken') DESC,
               CASE WHEN h.token_type = 'org.axonframework.eventhandling.GapAwareTrackingToken'
                    THEN (convert_from(h.token, 'UTF8')::jsonb ->> 'index')::bigint END) AS earliest
WHERE v.processor_name = 'consent-history'
  AND v.segment = earliest.segment
  AND v.token IS NOT NULL
  AND (earliest.token IS NULL
       OR earliest.token_type IS DISTINCT FROM 'org.axonframework.eventhandling.GapAwareTrackingToken'
       OR v.token_type IS DISTINCT FROM 'org.axonframework.eventhandling.GapAwareTrackingToken'
       OR (convert_from(earliest.token, 'UTF8')::jsonb ->> 'index')::bigint
          < (convert_from(v.token, 'UTF8')::jsonb ->> 'index')::bigint);

DELETE FROM token_entry WHERE processor_name IN ('erasure-receipts', 'data-subject-requests');
