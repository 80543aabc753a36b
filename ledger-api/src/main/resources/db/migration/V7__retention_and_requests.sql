-- db-scheduler's table: Axon's DbSchedulerDeadlineManager keeps persistent deadlines here, so
-- they fire after a restart and on exactly one node. Deadline payloads hold no personal data.
CREATE TABLE scheduled_tasks (
    task_name            TEXT                     NOT NULL,
    task_instance        TEXT                     NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            TEXT,
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);

-- The member view's open legal holds (ground and time; the free-text reason stays encrypted in the events).
CREATE TABLE member_view_hold (
    id        BIGSERIAL   PRIMARY KEY,
    member_id UUID        NOT NULL,
    hold_id   UUID        NOT NULL,
    ground    VARCHAR(32) NOT NULL,
    placed_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT member_view_hold_id UNIQUE (member_id, hold_id)
);

-- Every erasure, manual or automatic: no personal data, kept for good.
CREATE TABLE erasure_receipt (
    subject_id      UUID         NOT NULL PRIMARY KEY,
    subject_type    VARCHAR(16)  NOT NULL,
    ground          VARCHAR(32)  NOT NULL,
    erased_at       TIMESTAMPTZ  NOT NULL,
    actor_principal VARCHAR(200) NOT NULL,
    actor_role      VARCHAR(32)  NOT NULL,
    automatic       BOOLEAN      NOT NULL
);
CREATE INDEX erasure_receipt_time ON erasure_receipt (erased_at);

-- Data-subject requests and their deadlines (Art. 12(3)).
CREATE TABLE request_view (
    request_id     UUID         NOT NULL PRIMARY KEY,
    member_id      UUID         NOT NULL,
    type           VARCHAR(16)  NOT NULL,
    received_at    TIMESTAMPTZ  NOT NULL,
    due_at         TIMESTAMPTZ  NOT NULL,
    extended       BOOLEAN      NOT NULL DEFAULT false,
    completed_at   TIMESTAMPTZ,
    result_type    VARCHAR(64),
    result_seq     BIGINT
);
CREATE INDEX request_view_open_due ON request_view (due_at) WHERE completed_at IS NULL;
