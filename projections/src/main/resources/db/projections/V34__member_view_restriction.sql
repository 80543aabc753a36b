-- Restriction of processing (Art. 18), objections (Art. 21) and the review date of legal holds in
-- the member view. No personal data: grounds, purposes, dates.
ALTER TABLE member_view
    ADD COLUMN restriction_ground VARCHAR(32),
    ADD COLUMN restricted_at      TIMESTAMPTZ;
ALTER TABLE member_view_hold ADD COLUMN review_by DATE;
CREATE TABLE member_view_objection (
    id        BIGSERIAL   PRIMARY KEY,
    member_id UUID        NOT NULL,
    purpose   VARCHAR(64) NOT NULL,
    at        TIMESTAMPTZ NOT NULL,
    CONSTRAINT member_view_objection_purpose UNIQUE (member_id, purpose)
);
