-- Axon's JDBC dead-letter queue (JdbcSequencedDeadLetterQueue), one table for every pooled
-- processor, named in snake_case like the event store (DeadLetterConfiguration maps the names).
-- payload and meta_data are written by the event serializer: personal fields stay encrypted under
-- the member's key, so an erasure shreds them here too. cause_message never holds an exception's
-- own text (PoisonEventPolicy), which may quote data.
CREATE TABLE dead_letter_entry (
    dead_letter_identifier VARCHAR(255) NOT NULL,
    processing_group       VARCHAR(255) NOT NULL,
    sequence_identifier    VARCHAR(255) NOT NULL,
    sequence_index         BIGINT       NOT NULL,
    message_type           VARCHAR(255) NOT NULL,
    event_identifier       VARCHAR(255) NOT NULL,
    time_stamp             VARCHAR(255) NOT NULL,
    payload_type           VARCHAR(255) NOT NULL,
    payload_revision       VARCHAR(255),
    payload                BYTEA        NOT NULL,
    meta_data              BYTEA,
    aggregate_type         VARCHAR(255),
    aggregate_identifier   VARCHAR(255),
    sequence_number        BIGINT,
    token_type             VARCHAR(255),
    token                  BYTEA,
    enqueued_at            VARCHAR(255) NOT NULL,
    last_touched           VARCHAR(255),
    processing_started     VARCHAR(255),
    cause_type             VARCHAR(255),
    cause_message          VARCHAR(1023),
    diagnostics            BYTEA,
    CONSTRAINT dead_letter_entry_pkey PRIMARY KEY (dead_letter_identifier),
    CONSTRAINT dead_letter_entry_sequence_index UNIQUE (processing_group, sequence_identifier, sequence_index)
);

CREATE INDEX dead_letter_entry_processing_group ON dead_letter_entry (processing_group);
CREATE INDEX dead_letter_entry_sequence ON dead_letter_entry (processing_group, sequence_identifier);
