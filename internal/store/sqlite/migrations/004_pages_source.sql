-- Lets `watch` ask whether an article URL was stored before (after a restart).
CREATE INDEX pages_source ON pages (source);
