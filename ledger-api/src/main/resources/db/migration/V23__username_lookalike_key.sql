-- Usernames are unique by their look-alike key as well (ledger.core.member.Usernames: NFKC case
-- folding and the UTS #39 confusable skeleton), kept like the first key as a SHA-256 digest only.
-- Claims made before this version have no such key (the name itself is only in the encrypted
-- events): they keep matching by username_digest (NFKC, lower case), so registering an existing
-- name in any case or normal form is still 409; a confusable twin of such an older name (another
-- script, a look-alike digit) is caught only once the claim has a key (see docs/security.md, Usernames).
ALTER TABLE username_claim ADD COLUMN username_key BYTEA;
CREATE UNIQUE INDEX username_claim_key ON username_claim (username_key);
