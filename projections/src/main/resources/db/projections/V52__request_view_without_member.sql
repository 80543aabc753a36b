-- A request of someone known by contact data only has no member (issue 31) until the DPM links it.
-- The requester's contact data is never copied here: it stays sealed in the request's events.
ALTER TABLE request_view ALTER COLUMN member_id DROP NOT NULL;
