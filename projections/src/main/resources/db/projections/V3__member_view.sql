-- Read model: the member view. Personal columns are nulled when the member is erased.
CREATE TABLE member_view (
    member_id        UUID         NOT NULL PRIMARY KEY,
    username         VARCHAR(64),
    given_name       VARCHAR(100),
    family_name      VARCHAR(100),
    company          VARCHAR(200),
    email            VARCHAR(254),
    status           VARCHAR(16)  NOT NULL,
    downloads        BIGINT       NOT NULL DEFAULT 0,
    registered_at    TIMESTAMPTZ  NOT NULL,
    last_activity_at TIMESTAMPTZ  NOT NULL,
    erasure_due_at   TIMESTAMPTZ,
    version          BIGINT       NOT NULL
);

CREATE TABLE member_view_consent (
    id             BIGSERIAL    PRIMARY KEY,
    member_id      UUID         NOT NULL,
    purpose        VARCHAR(64)  NOT NULL,
    granted        BOOLEAN      NOT NULL,
    policy_version VARCHAR(32)  NOT NULL,
    since          TIMESTAMPTZ  NOT NULL,
    CONSTRAINT member_view_consent_purpose UNIQUE (member_id, purpose)
);
