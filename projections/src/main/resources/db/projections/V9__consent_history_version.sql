-- The last member event the consent history reflects, per member: the consent history's version,
-- so that a member's consent history is read as of every event stored for the member (read your
-- writes), although most member events add no consent row. No personal data.
CREATE TABLE consent_history_version (
    member_id UUID   NOT NULL PRIMARY KEY,
    version   BIGINT NOT NULL
);

-- Members known before this table existed: what the consent history of a member was read from
-- until now (the member history) and the consent history itself say how far they were projected.
INSERT INTO consent_history_version (member_id, version)
SELECT member_id, max(seq)
FROM (SELECT member_id, seq FROM member_history UNION ALL SELECT member_id, seq FROM consent_history) AS known
GROUP BY member_id;
