-- Who saw whose personal data, when, and for what declared purpose (accountability, Art. 5(2);
-- recipients for Art. 15). Holds no personal data of the member: ids, callers, purposes, times.
CREATE TABLE personal_data_access (
    id                 BIGSERIAL    PRIMARY KEY,
    member_id          UUID         NOT NULL,
    accessor_principal VARCHAR(200) NOT NULL,
    accessor_role      VARCHAR(32)  NOT NULL,
    purpose            VARCHAR(64)  NOT NULL,
    resource           VARCHAR(64)  NOT NULL,
    at                 TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX personal_data_access_member ON personal_data_access (member_id, id);
