-- The master key (KEK) id under which the fleet wraps new data keys: one row. The first node on an
-- empty database sets it; POST /api/v1/admin/master-key/rotation switches it. A node that does not
-- hold this key refuses to start, or reports not ready when it changes under it. Ids only: master
-- keys never enter the database. (Version 20, not 9: other branches add migrations meanwhile.)
CREATE TABLE master_key_registry (
    id            SMALLINT    NOT NULL PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    active_kek_id VARCHAR(32) NOT NULL,
    changed_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
