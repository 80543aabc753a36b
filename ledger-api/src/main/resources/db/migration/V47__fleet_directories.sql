-- The directories every node of a fleet must share (the erasure journal, the checkpoint files),
-- by the random id in each directory's marker file: a node whose directory is another one refuses
-- to start (ledger.api.infrastructure.fleet.FleetDirectories). Ids only.
CREATE TABLE ledger_directory (
    kind          VARCHAR(32) NOT NULL PRIMARY KEY,
    directory_id  UUID        NOT NULL,
    registered_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
