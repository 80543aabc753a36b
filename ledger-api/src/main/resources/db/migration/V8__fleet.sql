-- The ledger nodes that are alive (heartbeat), so each can take its fair share of the event
-- processors' segments. Holds host names and process ids only.
CREATE TABLE ledger_node (
    node_id      VARCHAR(200) NOT NULL PRIMARY KEY,
    heartbeat_at TIMESTAMPTZ  NOT NULL
);
