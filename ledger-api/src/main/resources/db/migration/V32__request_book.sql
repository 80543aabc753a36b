-- The rules across data-subject requests, kept in the commands' own transactions (as username
-- claims are): which requests of a member are open, and which member event answered which request
-- (one event completes one request). No personal data: ids, kinds and times.
CREATE TABLE request_book (
    request_id  UUID        NOT NULL PRIMARY KEY,
    member_id   UUID        NOT NULL,
    type        VARCHAR(16) NOT NULL,
    received_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX request_book_member ON request_book (member_id, received_at);

CREATE TABLE request_answer (
    member_id  UUID   NOT NULL,
    seq        BIGINT NOT NULL,
    request_id UUID   NOT NULL,
    PRIMARY KEY (member_id, seq)
);

-- Requests recorded before this version, as their read model knows them.
INSERT INTO request_book (request_id, member_id, type, received_at)
SELECT request_id, member_id, type, received_at FROM request_view WHERE completed_at IS NULL;
INSERT INTO request_answer (member_id, seq, request_id)
SELECT DISTINCT ON (member_id, result_seq) member_id, result_seq, request_id FROM request_view
WHERE completed_at IS NOT NULL AND result_seq IS NOT NULL ORDER BY member_id, result_seq, completed_at;
