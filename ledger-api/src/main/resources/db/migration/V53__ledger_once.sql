-- One-time jobs at start (e.g. arming the inactivity clock of members registered before it existed):
-- a row once the job ran to its end on some node, so no later start repeats it.
CREATE TABLE ledger_once (
    name    VARCHAR(64) NOT NULL PRIMARY KEY,
    done_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
