-- Which aggregate each scheduled Axon deadline belongs to, so that cancelling a member's deadlines
-- (an erasure, the end of a membership) reads that member's rows and no other (IndexedDeadlines).
-- scope_digest: SHA-256 of the scope as Axon serializes it into the deadline (the bytes Axon's own
-- cancel compares). A row may outlive its deadline (a deadline that fired): cancelling it is a no-op.
CREATE TABLE deadline_scope (
    schedule_id   VARCHAR(64)  NOT NULL PRIMARY KEY,
    deadline_name VARCHAR(255) NOT NULL,
    scope_digest  BYTEA        NOT NULL
);
CREATE INDEX deadline_scope_by_scope ON deadline_scope (scope_digest, deadline_name);
