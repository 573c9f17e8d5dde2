-- 0002: lets `watch` ask whether an article URL was stored before (after a restart).
CREATE INDEX IF NOT EXISTS pages_source ON pages (source);
