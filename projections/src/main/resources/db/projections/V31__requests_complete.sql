-- Data-subject requests, complete (Art. 12(3)-(4)): the identity check, the refusal, when the
-- answering member event happened and whether that was late, who closed the request, and each
-- request's trail. No personal data: the free-text reasons stay encrypted in the events.
ALTER TABLE request_view
    ADD COLUMN verified_at         TIMESTAMPTZ,
    ADD COLUMN verification_method VARCHAR(32),
    ADD COLUMN answered_at         TIMESTAMPTZ,
    ADD COLUMN late                BOOLEAN,
    ADD COLUMN days_late           BIGINT,
    ADD COLUMN refused_at          TIMESTAMPTZ,
    ADD COLUMN closed_by_principal VARCHAR(300),
    ADD COLUMN closed_by_role      VARCHAR(32);
DROP INDEX request_view_open_due;
CREATE INDEX request_view_open_due ON request_view (due_at) WHERE completed_at IS NULL AND refused_at IS NULL;
CREATE INDEX request_view_refused ON request_view (refused_at) WHERE refused_at IS NOT NULL;

-- Every event of a request in order (the DPM's trail of it), personal fields masked.
CREATE TABLE request_view_event (
    id              BIGSERIAL    PRIMARY KEY,
    request_id      UUID         NOT NULL,
    seq             BIGINT       NOT NULL,
    type            VARCHAR(64)  NOT NULL,
    at              TIMESTAMPTZ  NOT NULL,
    actor_principal VARCHAR(300) NOT NULL,
    actor_role      VARCHAR(32)  NOT NULL,
    details         TEXT         NOT NULL,
    CONSTRAINT request_view_event_seq UNIQUE (request_id, seq)
);

-- The request read model is projected again from the first event (its handlers are idempotent),
-- so that requests recorded before this version get their trail too.
DELETE FROM token_entry WHERE processor_name = 'data-subject-requests';
