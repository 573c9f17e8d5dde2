-- Times are Unix nanoseconds (UTC). JSON columns hold the full analysis
-- records; the other columns exist for filtering and ordering.
CREATE TABLE pages (
	id          TEXT PRIMARY KEY,
	source      TEXT NOT NULL,
	format      TEXT NOT NULL DEFAULT '',
	captured_at INTEGER,
	raw         BLOB NOT NULL,
	error       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX pages_captured ON pages (captured_at, id);

CREATE TABLE items (
	rid              INTEGER PRIMARY KEY, -- rowid of items_fts
	id               TEXT NOT NULL UNIQUE,
	kind             TEXT NOT NULL,
	headline         TEXT,
	dateline         TEXT,               -- JSON page.Dateline
	section          TEXT NOT NULL DEFAULT '',
	published_at     INTEGER,
	first_capture    INTEGER,
	first_seen       INTEGER NOT NULL,
	time             INTEGER NOT NULL,   -- published_at, else first_capture, else first_seen
	analysis_version TEXT NOT NULL,
	n_claims         INTEGER NOT NULL DEFAULT 0,
	data             TEXT NOT NULL       -- JSON analyze.Item
);
CREATE INDEX items_time ON items (time DESC, id DESC);
CREATE INDEX items_section ON items (section, time);

CREATE TABLE item_places (
	item_id TEXT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
	place   TEXT NOT NULL COLLATE NOCASE,
	PRIMARY KEY (item_id, place)
) WITHOUT ROWID;
CREATE INDEX item_places_place ON item_places (place);

CREATE TABLE sightings (
	item_id     TEXT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
	page_id     TEXT NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
	n           INTEGER NOT NULL,
	captured_at INTEGER,
	PRIMARY KEY (item_id, page_id)
) WITHOUT ROWID;
CREATE INDEX sightings_page ON sightings (page_id, n);

CREATE TABLE actors (
	id      TEXT PRIMARY KEY,
	name    TEXT NOT NULL,
	type    TEXT NOT NULL DEFAULT '',
	country TEXT,
	roles   TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX actors_country ON actors (country);

CREATE TABLE actor_aliases (
	actor_id TEXT NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
	alias    TEXT NOT NULL,
	slug     TEXT NOT NULL,
	PRIMARY KEY (actor_id, alias)
) WITHOUT ROWID;
CREATE INDEX actor_aliases_slug ON actor_aliases (slug);

CREATE TABLE claims (
	rid       INTEGER PRIMARY KEY,
	id        TEXT NOT NULL UNIQUE,
	item_id   TEXT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
	actor_id  TEXT NOT NULL,
	stance    TEXT NOT NULL,
	mode      TEXT NOT NULL,
	cue       TEXT NOT NULL,
	target_id TEXT NOT NULL DEFAULT '',
	time      INTEGER NOT NULL,
	words     TEXT NOT NULL DEFAULT '', -- store.ClaimWords, space-separated (dispute matching)
	cats      TEXT NOT NULL DEFAULT '', -- store.ClaimCategories, space-separated
	data      TEXT NOT NULL -- JSON claim.Claim
);
CREATE INDEX claims_time ON claims (time DESC, id DESC);
CREATE INDEX claims_item ON claims (item_id);
CREATE INDEX claims_actor ON claims (actor_id, time);
CREATE INDEX claims_stance ON claims (stance, time);
CREATE INDEX claims_target ON claims (target_id, time) WHERE target_id <> '';

CREATE TABLE claim_quantities (
	claim_id TEXT NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
	idx      INTEGER NOT NULL,
	category TEXT NOT NULL,
	value    REAL,
	low      REAL,
	high     REAL,
	text     TEXT NOT NULL,
	PRIMARY KEY (claim_id, idx)
) WITHOUT ROWID;
CREATE INDEX claim_quantities_category ON claim_quantities (category, claim_id);

CREATE TABLE claim_places (
	claim_id TEXT NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
	place    TEXT NOT NULL COLLATE NOCASE,
	PRIMARY KEY (claim_id, place)
) WITHOUT ROWID;
CREATE INDEX claim_places_place ON claim_places (place);

CREATE TABLE disputes (
	claim_id   TEXT NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
	denial_id  TEXT NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
	cross_page INTEGER NOT NULL DEFAULT 0, -- linked by the store across pages
	score      INTEGER NOT NULL DEFAULT 0, -- store.DisputeScore of a cross-page link
	PRIMARY KEY (claim_id, denial_id)
) WITHOUT ROWID;
CREATE INDEX disputes_denial ON disputes (denial_id);

CREATE TABLE feeds (
	url  TEXT PRIMARY KEY,
	data TEXT NOT NULL -- JSON store.FeedState
);

-- Stemmed text (store.StemText of headline and text); rowid = items.rid.
CREATE VIRTUAL TABLE items_fts USING fts5 (
	body,
	tokenize = 'unicode61 remove_diacritics 2',
	content = '',
	contentless_delete = 1
);
