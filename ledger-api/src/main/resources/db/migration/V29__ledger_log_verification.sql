-- Results of the ledger's full verifications (scheduled, or asked for over HTTP), so every node
-- answers GET /api/v1/ledger/verification with the fleet's latest. Ids, indexes and reasons only.
CREATE TABLE ledger_log_verification (
    id               BIGSERIAL    NOT NULL PRIMARY KEY,
    checked_at       TIMESTAMPTZ  NOT NULL,
    status           VARCHAR(16)  NOT NULL CHECK (status IN ('OK', 'FAILED')),
    tree_size        BIGINT       NOT NULL,
    root_hash        BYTEA,
    bad_index        BIGINT,
    bad_event_id     VARCHAR(255),
    bad_global_index BIGINT,
    reason           VARCHAR(1000),
    node_id          VARCHAR(200) NOT NULL
);
