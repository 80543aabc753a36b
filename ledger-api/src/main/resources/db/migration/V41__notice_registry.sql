-- The privacy-notice registry (issue 17): every registered version with its full text and the
-- lowercase hex SHA-256 of the text's UTF-8 bytes. Written in the registering command's transaction,
-- beside the NoticeRegistered event (which holds the same text, so the verifiable log covers it);
-- a version is registered once across the fleet (primary key). purposes and recipients are JSON.
-- No personal data.
CREATE TABLE notice (
    version           VARCHAR(32)   NOT NULL PRIMARY KEY,
    language          VARCHAR(35)   NOT NULL,
    url               VARCHAR(2048) NOT NULL,
    text              TEXT          NOT NULL,
    sha256            CHAR(64)      NOT NULL,
    effective_from    TIMESTAMPTZ   NOT NULL,
    purposes          TEXT          NOT NULL,
    retention         VARCHAR(1000) NOT NULL,
    recipients        TEXT          NOT NULL,
    registered_at     TIMESTAMPTZ   NOT NULL
);
