-- 0001: pages, items and their sightings, actors, claims, dispute links, feeds.
CREATE TABLE pages (
    id          text PRIMARY KEY,
    source      text NOT NULL,
    format      text NOT NULL DEFAULT '',
    captured_at timestamptz,
    raw         bytea NOT NULL,
    error       text NOT NULL DEFAULT '',
    saved_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE items (
    id               text PRIMARY KEY,
    kind             text NOT NULL,
    headline         text,
    dateline         jsonb,
    places           text[] NOT NULL DEFAULT '{}',
    age              text,
    age_minutes      integer,
    published_at     timestamptz,
    section          text NOT NULL DEFAULT '',
    subheadings      jsonb NOT NULL DEFAULT '[]',
    url              text NOT NULL DEFAULT '',
    paragraphs       jsonb NOT NULL DEFAULT '[]',
    body             text NOT NULL,
    entities         jsonb NOT NULL DEFAULT '[]',
    quantities       jsonb NOT NULL DEFAULT '[]',
    analysis_version text NOT NULL,
    first_seen       timestamptz NOT NULL DEFAULT now(),
    item_time        timestamptz NOT NULL,
    -- Stems from wirewatch's own Dutch stemmer (store.StemText), which joins
    -- inflections that PostgreSQL's snowball leaves apart (aanval/aanvallen).
    stems            text NOT NULL DEFAULT '',
    tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('dutch'::regconfig, coalesce(headline, '')), 'A') ||
        setweight(to_tsvector('dutch'::regconfig, body), 'B')) STORED,
    stems_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, stems)) STORED
);
CREATE INDEX items_tsv_idx ON items USING gin (tsv);
CREATE INDEX items_stems_tsv_idx ON items USING gin (stems_tsv);
CREATE INDEX items_time_idx ON items (item_time DESC, id);

CREATE TABLE sightings (
    item_id text NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    page_id text NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
    n       integer NOT NULL,
    PRIMARY KEY (item_id, page_id)
);
CREATE INDEX sightings_page_idx ON sightings (page_id, n);

CREATE TABLE actors (
    id      text PRIMARY KEY,
    name    text NOT NULL,
    type    text NOT NULL,
    country text,
    roles   text[] NOT NULL DEFAULT '{}',
    aliases text[] NOT NULL DEFAULT '{}',
    -- store.ActorID of each alias: what a denial's target is matched against.
    alias_slugs text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX actors_alias_slugs_idx ON actors USING gin (alias_slugs);

CREATE TABLE claims (
    id         text PRIMARY KEY,
    item_id    text NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    pos        integer NOT NULL,
    actor_id   text REFERENCES actors (id),
    speaker    text NOT NULL,
    stance     text NOT NULL,
    target_id  text NOT NULL DEFAULT '',
    categories text[] NOT NULL DEFAULT '{}',
    places     text[] NOT NULL DEFAULT '{}',
    claim_time timestamptz NOT NULL,
    data       jsonb NOT NULL,
    tsv tsvector GENERATED ALWAYS AS (to_tsvector('dutch'::regconfig, data ->> 'sentence')) STORED
);
CREATE INDEX claims_item_idx ON claims (item_id, pos);
CREATE INDEX claims_actor_idx ON claims (actor_id, claim_time);
CREATE INDEX claims_time_idx ON claims (claim_time DESC, id);
CREATE INDEX claims_tsv_idx ON claims USING gin (tsv);
CREATE INDEX claims_target_idx ON claims (target_id, claim_time) WHERE stance = 'deny';

CREATE TABLE disputes (
    denial_id text NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    claim_id  text NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    cross_page boolean NOT NULL DEFAULT false,
    PRIMARY KEY (denial_id, claim_id)
);
CREATE INDEX disputes_claim_idx ON disputes (claim_id);

CREATE TABLE feeds (
    url           text PRIMARY KEY,
    title         text NOT NULL DEFAULT '',
    etag          text NOT NULL DEFAULT '',
    last_modified text NOT NULL DEFAULT '',
    last_fetch    timestamptz,
    status        integer NOT NULL DEFAULT 0,
    items         integer NOT NULL DEFAULT 0,
    last_error    text NOT NULL DEFAULT ''
);
