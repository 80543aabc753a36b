-- Consent as evidence (issue 17): a consent names its notice by the SHA-256 of the text and its
-- language; a withdrawal its channel (the existing column); every entry the person who acted
-- through the portal (X-Acting-User: member:<id> or admin:<id>, at most 70 characters). Entries
-- projected before keep NULL: their events recorded none of it. Adding nullable columns rewrites nothing.
ALTER TABLE consent_history ADD COLUMN notice_sha256 CHAR(64);
ALTER TABLE consent_history ADD COLUMN language VARCHAR(35);
ALTER TABLE consent_history ADD COLUMN acting_user VARCHAR(80);
ALTER TABLE member_history ADD COLUMN acting_user VARCHAR(80);
