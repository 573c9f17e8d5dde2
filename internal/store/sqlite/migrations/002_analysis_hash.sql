-- Hash of an item's analysis without the fields that depend on the page it
-- was seen on (position, age, estimated publication time, URL): a brief
-- repeated on another page then only adds a sighting. Rows stored before
-- this migration have '' and are rewritten once when seen again.
ALTER TABLE items ADD COLUMN analysis_hash TEXT NOT NULL DEFAULT '';
