-- The member view's list of downloads (personal data: deleted on erasure).
CREATE TABLE member_view_download (
    id          BIGSERIAL    PRIMARY KEY,
    member_id   UUID         NOT NULL,
    seq         BIGINT       NOT NULL,
    document_id VARCHAR(200),
    title       VARCHAR(300),
    at          TIMESTAMPTZ  NOT NULL,
    CONSTRAINT member_view_download_event UNIQUE (member_id, seq)
);

-- The full event trail of each member, personal fields masked; survives erasure.
CREATE TABLE member_history (
    id              BIGSERIAL    PRIMARY KEY,
    member_id       UUID         NOT NULL,
    seq             BIGINT       NOT NULL,
    type            VARCHAR(64)  NOT NULL,
    at              TIMESTAMPTZ  NOT NULL,
    actor_principal VARCHAR(200) NOT NULL,
    actor_role      VARCHAR(32)  NOT NULL,
    details         TEXT         NOT NULL,
    CONSTRAINT member_history_event UNIQUE (member_id, seq)
);

-- Every consent given or withdrawn, across members, for auditors. One writer (one segment)
-- assigns ids in commit order, so keyset paging by id is stable under concurrent writes.
CREATE TABLE consent_history (
    id              BIGSERIAL    PRIMARY KEY,
    member_id       UUID         NOT NULL,
    seq             BIGINT       NOT NULL,
    consent_id      UUID         NOT NULL,
    type            VARCHAR(16)  NOT NULL,
    purpose         VARCHAR(64)  NOT NULL,
    policy_version  VARCHAR(32)  NOT NULL,
    channel         VARCHAR(32),
    at              TIMESTAMPTZ  NOT NULL,
    actor_principal VARCHAR(200) NOT NULL,
    actor_role      VARCHAR(32)  NOT NULL,
    CONSTRAINT consent_history_event UNIQUE (member_id, seq)
);
CREATE INDEX consent_history_purpose ON consent_history (purpose, id);
CREATE INDEX consent_history_at ON consent_history (at, id);
