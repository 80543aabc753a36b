-- The DPM finds a person by e-mail or username (issue 31): a keyed blind index. Each row is the
-- HMAC-SHA-256 of a normalised value ("email|..." or "username|...") under a key derived from the
-- master key, which never sits in the database: whoever reads this table cannot confirm a guessed
-- address. Written in the registering or editing transaction; a member's rows go with the erasure
-- (and its dead versions with the erasure's VACUUM).
CREATE TABLE member_lookup (
    digest    BYTEA NOT NULL,
    member_id UUID  NOT NULL,
    PRIMARY KEY (digest, member_id)
);
CREATE INDEX member_lookup_member ON member_lookup (member_id);
-- pg_statistic would copy sample values of the column
ALTER TABLE member_lookup ALTER COLUMN digest SET STATISTICS 0;
