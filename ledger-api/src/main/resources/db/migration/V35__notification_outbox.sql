-- Art. 19: the transactional outbox of recipient notifications. A row is written in the transaction
-- that stores the rectification, erasure or restriction, and delivered (signed, retried with backoff)
-- from here. No personal data: the member id, the kind of change and the changed fields' names.
CREATE TABLE notification_outbox (
    notification_id UUID         NOT NULL PRIMARY KEY,
    recipient       VARCHAR(200) NOT NULL,
    member_id       UUID         NOT NULL,
    kind            VARCHAR(32)  NOT NULL,
    fields          VARCHAR(200) NOT NULL,
    event_id        VARCHAR(255) NOT NULL,
    event_seq       BIGINT       NOT NULL,
    payload         TEXT         NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    attempts        INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ  NOT NULL,
    acknowledged_at TIMESTAMPTZ,
    CONSTRAINT notification_outbox_event UNIQUE (recipient, event_id)
);
CREATE INDEX notification_outbox_due ON notification_outbox (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX notification_outbox_member ON notification_outbox (member_id, created_at);
CREATE INDEX notification_outbox_created ON notification_outbox (created_at);

-- Every delivery attempt and its outcome: the HTTP status, or the type of the failure (never a message).
CREATE TABLE notification_delivery (
    id              BIGSERIAL    PRIMARY KEY,
    notification_id UUID         NOT NULL REFERENCES notification_outbox (notification_id),
    attempt         INTEGER      NOT NULL,
    at              TIMESTAMPTZ  NOT NULL,
    http_status     INTEGER,
    outcome         VARCHAR(16)  NOT NULL,
    failure         VARCHAR(100)
);
CREATE INDEX notification_delivery_notification ON notification_delivery (notification_id, attempt);
