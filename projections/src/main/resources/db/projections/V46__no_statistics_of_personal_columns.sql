-- ANALYZE keeps sample values of each column in pg_statistic (most common values, histogram
-- bounds): for these columns, copies of personal data outside the rows that erasure purges and
-- rewrites. The planner needs no statistics of them (no query filters or sorts on them).
ALTER TABLE member_view
    ALTER COLUMN username SET STATISTICS 0,
    ALTER COLUMN given_name SET STATISTICS 0,
    ALTER COLUMN family_name SET STATISTICS 0,
    ALTER COLUMN company SET STATISTICS 0,
    ALTER COLUMN email SET STATISTICS 0;
ALTER TABLE member_view_profile_value
    ALTER COLUMN value SET STATISTICS 0;
