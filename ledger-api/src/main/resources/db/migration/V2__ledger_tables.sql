-- Usernames in use: a set-based rule checked in the registering transaction. The username is
-- kept only as a SHA-256 digest of its normalised form and the row is deleted on erasure.
CREATE TABLE username_claim (
    username_digest BYTEA       NOT NULL PRIMARY KEY,
    member_id       UUID        NOT NULL,
    claimed_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT username_claim_member UNIQUE (member_id)
);

-- Idempotency-Key records: the first answer to a request, replayed for a repetition.
-- subject_id lets erasure delete the answers that concern an erased member or contact case.
CREATE TABLE idempotency_record (
    caller        VARCHAR(200) NOT NULL,
    key           VARCHAR(128) NOT NULL,
    request_hash  BYTEA        NOT NULL,
    state         VARCHAR(16)  NOT NULL,
    status        INTEGER,
    content_type  VARCHAR(200),
    location      VARCHAR(500),
    body          BYTEA,
    subject_id    UUID,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, key)
);
CREATE INDEX idempotency_record_subject ON idempotency_record (subject_id);
CREATE INDEX idempotency_record_created ON idempotency_record (created_at);
