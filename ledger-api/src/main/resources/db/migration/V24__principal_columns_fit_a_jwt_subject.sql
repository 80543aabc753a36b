-- A JWT caller is recorded as "jwt:" + its subject (at most 255 characters): 259 characters. The
-- principal columns were 200 wide, so such a caller's events stopped the projections (a value too
-- long for its column fails the whole batch on every retry). Widening a varchar rewrites nothing.
ALTER TABLE personal_data_access ALTER COLUMN accessor_principal TYPE VARCHAR(300);
ALTER TABLE idempotency_record ALTER COLUMN caller TYPE VARCHAR(300);
ALTER TABLE erasure_receipt ALTER COLUMN actor_principal TYPE VARCHAR(300);
