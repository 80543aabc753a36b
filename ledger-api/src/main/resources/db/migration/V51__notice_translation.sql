-- A registered notice version's text in another language (issue 31): a consent in that language
-- records this text's SHA-256. Registered once per version and language; never changes.
CREATE TABLE notice_translation (
    version       VARCHAR(32)  NOT NULL REFERENCES notice (version),
    language      VARCHAR(35)  NOT NULL,
    text          TEXT         NOT NULL,
    sha256        CHAR(64)     NOT NULL,
    registered_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (version, language)
);
