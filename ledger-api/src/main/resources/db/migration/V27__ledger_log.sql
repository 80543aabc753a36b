-- The verifiable ledger (docs/verifiable-ledger.md): every stored event is one leaf of an
-- append-only RFC 9162 Merkle tree, in a log order of its own (leaf_index 0, 1, 2, ... dense),
-- appended after commit by one sequencer at a time. The leaf hash covers the stored row's bytes
-- (ciphertext included), so crypto-shredding changes nothing here. No personal data: ids and hashes.
CREATE TABLE ledger_log_leaf (
    leaf_index       BIGINT       NOT NULL PRIMARY KEY,
    global_index     BIGINT       NOT NULL,
    event_identifier VARCHAR(255) NOT NULL,
    leaf_hash        BYTEA        NOT NULL,
    -- when the leaf was written (not the transaction start): sequencing delay = this - the event's time
    sequenced_at     TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp(),
    -- one leaf per stored event; the sequencer's anti-join sweep reads this index
    CONSTRAINT ledger_log_leaf_global_index UNIQUE (global_index),
    CONSTRAINT ledger_log_leaf_event_identifier UNIQUE (event_identifier),
    CONSTRAINT ledger_log_leaf_hash_size CHECK (octet_length(leaf_hash) = 32)
);

-- Every completed perfect subtree of level >= 1 (level 0 is ledger_log_leaf.leaf_hash): the
-- subtree over leaves [node_index * 2^level, (node_index + 1) * 2^level). Roots and proofs of any
-- tree size read O(log n) of these rows; about one row per leaf.
CREATE TABLE ledger_log_node (
    level      SMALLINT NOT NULL,
    node_index BIGINT   NOT NULL,
    hash       BYTEA    NOT NULL,
    PRIMARY KEY (level, node_index),
    CONSTRAINT ledger_log_node_level CHECK (level BETWEEN 1 AND 63),
    CONSTRAINT ledger_log_node_hash_size CHECK (octet_length(hash) = 32)
);
