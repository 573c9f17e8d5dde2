// Package store is wirewatch's ledger: pages with their raw bytes, items and
// their sightings, claims, actors and dispute links, with full-text search.
// store/sqlite (default) and store/postgres implement Store; storetest is the
// conformance suite both pass.
package store

import (
	"context"
	"errors"
	"time"

	"wirewatch/internal/analyze"
	"wirewatch/internal/claim"
	"wirewatch/internal/page"
)

// ErrNotFound is returned when an id is unknown.
var ErrNotFound = errors.New("not found")

// Store is implemented by every storage backend. Writes are idempotent.
type Store interface {
	// Save stores one page's analysis: the raw page, its items (one row per
	// content id, plus a sighting), claims, actors and dispute links.
	Save(ctx context.Context, r analyze.Result) (SaveStats, error)
	// RawPages calls fn with every stored page (Raw filled), for re-analysis.
	RawPages(ctx context.Context, fn func(page.Page) error) error

	Page(ctx context.Context, id string) (PageRecord, error)
	Item(ctx context.Context, id string) (ItemRecord, error)
	Items(ctx context.Context, f Filter) ([]ItemRecord, string, error)
	Claim(ctx context.Context, id string) (ClaimRecord, error)
	Claims(ctx context.Context, f Filter) ([]ClaimRecord, string, error)
	Actor(ctx context.Context, id string) (ActorRecord, error)
	Actors(ctx context.Context, f Filter) ([]ActorRecord, error)
	Disputes(ctx context.Context, f Filter) ([]Dispute, string, error)
	Search(ctx context.Context, f Filter) ([]SearchHit, string, error)
	Timeline(ctx context.Context, f Filter) ([]TimelinePoint, error)
	Stats(ctx context.Context) (Stats, error)

	// Feed state for `wirewatch watch`.
	SaveFeed(ctx context.Context, f FeedState) error
	// HasSource reports whether a page from source (path or URL) is stored,
	// so `watch` does not fetch an article again after a restart.
	HasSource(ctx context.Context, source string) (bool, error)
	Feeds(ctx context.Context) ([]FeedState, error)

	Close() error
}

// Filter narrows listings and searches. Empty fields do not filter.
type Filter struct {
	Q         string     // full-text query (Dutch stemming)
	Actor     string     // actor id
	Country   string     // actor country code
	ActorType string     // person, government, ...
	Stance    string     // assert | deny
	Category  string     // quantity category
	Place     string     // claim place or dateline place
	Section   string     // "Buitenland"
	From, To  *time.Time // on the claim's / item's time
	Limit     int        // 0 = backend default (50)
	Cursor    string     // opaque, from a previous call
}

// SaveStats says what one Save changed.
type SaveStats struct {
	NewPage   bool `json:"new_page"`
	NewItems  int  `json:"new_items"`
	SeenItems int  `json:"seen_items"` // items already stored (new sighting only)
	Claims    int  `json:"claims"`     // claims on the page
}

// PageRecord is a stored page.
type PageRecord struct {
	page.Page
	Raw     []byte   `json:"-"`
	ItemIDs []string `json:"item_ids"`
	Error   string   `json:"error,omitempty"`
}

// Sighting is one page on which an item was seen.
type Sighting struct {
	PageID     string     `json:"page_id"`
	Source     string     `json:"source"`
	CapturedAt *time.Time `json:"captured_at"`
	N          int        `json:"n"` // position on that page
}

// ItemRecord is a stored item with its analysis and sightings.
type ItemRecord struct {
	analyze.Item
	Sightings       []Sighting `json:"sightings"`
	AnalysisVersion string     `json:"analysis_version"`
	FirstSeen       time.Time  `json:"first_seen"`
	// Time is the item's best time: published_at, else the first capture, else first seen.
	Time time.Time `json:"time"`
}

// ClaimRecord is a claim with its provenance.
type ClaimRecord struct {
	claim.Claim
	ActorID     string         `json:"actor_id"`
	ItemID      string         `json:"item_id"`
	Headline    *string        `json:"headline"`
	Dateline    *page.Dateline `json:"dateline"`
	PublishedAt *time.Time     `json:"published_at"`
	Time        time.Time      `json:"time"`
	PageIDs     []string       `json:"page_ids"`
	PageSources []string       `json:"page_sources"`
	DisputedBy  []string       `json:"disputed_by"` // ids of denials that reject this claim
}

// ActorRecord is one normalised actor and what the ledger knows of it.
type ActorRecord struct {
	ID      string     `json:"id"`
	Name    string     `json:"name"`
	Type    string     `json:"type"`
	Country *string    `json:"country"`
	Aliases []string   `json:"aliases"` // speaker spans seen
	Roles   []string   `json:"roles"`
	Claims  int        `json:"claims"`
	Denials int        `json:"denials"`
	First   *time.Time `json:"first"`
	Last    *time.Time `json:"last"`
}

// Dispute is a claim and a denial that rejects it.
type Dispute struct {
	Claim  ClaimRecord `json:"claim"`
	Denial ClaimRecord `json:"denial"`
}

// SearchHit is one item found by a search.
type SearchHit struct {
	ItemID   string         `json:"item_id"`
	Kind     string         `json:"kind"`
	Headline *string        `json:"headline"`
	Dateline *page.Dateline `json:"dateline"`
	Time     time.Time      `json:"time"`
	Snippet  string         `json:"snippet"` // HTML-escaped text with <mark>…</mark> around matches
	Rank     float64        `json:"rank"`
	Claims   int            `json:"claims"`
}

// TimelinePoint is one claimed figure at a time.
type TimelinePoint struct {
	Time     time.Time `json:"time"`
	ActorID  string    `json:"actor_id"`
	Actor    string    `json:"actor"`
	Category string    `json:"category"`
	Value    *float64  `json:"value"`
	Low      *float64  `json:"low"`
	High     *float64  `json:"high"`
	Text     string    `json:"text"`
	ClaimID  string    `json:"claim_id"`
}

// Stats counts what the ledger holds.
type Stats struct {
	Pages    int        `json:"pages"`
	Items    int        `json:"items"`
	Claims   int        `json:"claims"`
	Actors   int        `json:"actors"`
	Denials  int        `json:"denials"`
	Disputes int        `json:"disputes"`
	Latest   *time.Time `json:"latest"`
}

// FeedState is what `watch` remembers of a feed between runs.
type FeedState struct {
	URL          string     `json:"url"`
	Title        string     `json:"title"`
	ETag         string     `json:"etag"`
	LastModified string     `json:"last_modified"`
	LastFetch    *time.Time `json:"last_fetch"`
	Status       int        `json:"status"`
	Items        int        `json:"items"`
	LastError    string     `json:"last_error"`
}
