-- Every profile value a member's events still hold (Art. 15(3): the past values too, until erasure):
-- personal data, deleted with the member's erasure. Members registered before this version get
-- theirs when the member view is replayed (POST /api/v1/admin/read-models/member-view/replay).
CREATE TABLE member_view_profile_value (
    id        BIGSERIAL    PRIMARY KEY,
    member_id UUID         NOT NULL,
    seq       BIGINT       NOT NULL,
    field     VARCHAR(16)  NOT NULL,
    value     VARCHAR(254),
    at        TIMESTAMPTZ  NOT NULL,
    CONSTRAINT member_view_profile_value_event UNIQUE (member_id, seq, field)
);
