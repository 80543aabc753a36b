-- A JWT caller is recorded as "jwt:" + its subject (at most 255 characters): 259 characters (see
-- V24 for the service's own tables). Widening a varchar rewrites nothing.
ALTER TABLE member_history ALTER COLUMN actor_principal TYPE VARCHAR(300);
ALTER TABLE consent_history ALTER COLUMN actor_principal TYPE VARCHAR(300);
