package postgres

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"wirewatch/internal/claim"
	"wirewatch/internal/page"
	"wirewatch/internal/store"
)

const defaultLimit = 50

// args collects query parameters and hands out their $n placeholders.
type args []any

func (a *args) add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}

func limitOf(f store.Filter) int {
	if f.Limit <= 0 {
		return defaultLimit
	}
	if f.Limit > 1000 {
		return 1000
	}
	return f.Limit
}

// Cursors are opaque offsets.
func decodeCursor(c string) (int, error) {
	if c == "" {
		return 0, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return 0, fmt.Errorf("bad cursor: %w", err)
	}
	n, err := strconv.Atoi(strings.TrimPrefix(string(b), "o:"))
	if err != nil || n < 0 {
		return 0, fmt.Errorf("bad cursor %q", c)
	}
	return n, nil
}

func encodeCursor(off int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("o:" + strconv.Itoa(off)))
}

// page of results: fetch limit+1 rows to know whether there is more.
func nextCursor(n, limit, off int) string {
	if n > limit {
		return encodeCursor(off + limit)
	}
	return ""
}

// RawPages calls fn for every stored page in batches, so fn may itself write.
func (db *DB) RawPages(ctx context.Context, fn func(page.Page) error) error {
	after := ""
	for {
		rows, err := db.pool.Query(ctx, `SELECT id, source, format, captured_at, raw FROM pages
			WHERE id > $1 ORDER BY id LIMIT 100`, after)
		if err != nil {
			return fmt.Errorf("postgres: raw pages: %w", err)
		}
		batch, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (page.Page, error) {
			var p page.Page
			err := r.Scan(&p.ID, &p.Source, &p.Format, &p.CapturedAt, &p.Raw)
			return p, err
		})
		if err != nil {
			return fmt.Errorf("postgres: raw pages: %w", err)
		}
		if len(batch) == 0 {
			return nil
		}
		for _, p := range batch {
			if err := fn(p); err != nil {
				return err
			}
		}
		after = batch[len(batch)-1].ID
	}
}

// Page returns one stored page with the ids of its items in page order.
func (db *DB) Page(ctx context.Context, id string) (store.PageRecord, error) {
	var r store.PageRecord
	err := db.pool.QueryRow(ctx, `SELECT id, source, format, captured_at, raw, error,
		coalesce((SELECT array_agg(item_id ORDER BY n, item_id) FROM sightings WHERE page_id = p.id), '{}')
		FROM pages p WHERE id = $1`, id).
		Scan(&r.ID, &r.Source, &r.Format, &r.CapturedAt, &r.Raw, &r.Error, &r.ItemIDs)
	if errors.Is(err, pgx.ErrNoRows) {
		return r, fmt.Errorf("page %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("postgres: page %s: %w", id, err)
	}
	r.Page.Raw = r.Raw
	return r, nil
}

const itemCols = `i.id, i.kind, i.headline, i.dateline, i.age, i.age_minutes, i.published_at, i.section,
	i.subheadings, i.url, i.paragraphs, i.body, i.entities, i.quantities, i.analysis_version,
	i.first_seen, i.item_time`

func scanItem(row pgx.Row) (store.ItemRecord, error) {
	var r store.ItemRecord
	var dl, subs, paras, ents, qs []byte
	it := &r.Item.Item
	err := row.Scan(&it.ID, &it.Kind, &it.Headline, &dl, &it.Age, &it.AgeMinutes, &it.PublishedAt,
		&it.Section, &subs, &it.URL, &paras, &it.Text, &ents, &qs, &r.AnalysisVersion, &r.FirstSeen, &r.Time)
	if err != nil {
		return r, err
	}
	if dl != nil {
		it.Dateline = &page.Dateline{}
		if err := json.Unmarshal(dl, it.Dateline); err != nil {
			return r, err
		}
	}
	for _, u := range []struct {
		b []byte
		v any
	}{{subs, &it.Subheadings}, {paras, &it.Paragraphs}, {ents, &r.Entities}, {qs, &r.Quantities}} {
		if err := json.Unmarshal(u.b, u.v); err != nil {
			return r, err
		}
	}
	r.Time = r.Time.UTC()
	r.FirstSeen = r.FirstSeen.UTC()
	return r, nil
}

// Item returns one item with its claims (in item order) and sightings.
func (db *DB) Item(ctx context.Context, id string) (store.ItemRecord, error) {
	r, err := scanItem(db.pool.QueryRow(ctx, `SELECT `+itemCols+` FROM items i WHERE i.id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return r, fmt.Errorf("item %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("postgres: item %s: %w", id, err)
	}
	if err := db.fillItems(ctx, []*store.ItemRecord{&r}); err != nil {
		return r, err
	}
	return r, nil
}

// fillItems adds claims and sightings to items.
func (db *DB) fillItems(ctx context.Context, recs []*store.ItemRecord) error {
	if len(recs) == 0 {
		return nil
	}
	ids := make([]string, len(recs))
	byID := map[string]*store.ItemRecord{}
	for i, r := range recs {
		ids[i] = r.ID
		byID[r.ID] = r
		r.Claims = []claim.Claim{}
		r.Sightings = []store.Sighting{}
	}
	rows, err := db.pool.Query(ctx, `SELECT c.item_id, c.data,
		coalesce((SELECT array_agg(claim_id ORDER BY claim_id) FROM disputes WHERE denial_id = c.id), '{}')
		FROM claims c WHERE c.item_id = ANY($1) ORDER BY c.item_id, c.pos`, ids)
	if err != nil {
		return fmt.Errorf("postgres: item claims: %w", err)
	}
	for rows.Next() {
		var itemID string
		var data []byte
		var c claim.Claim
		var disputes []string
		if err := rows.Scan(&itemID, &data, &disputes); err != nil {
			rows.Close()
			return fmt.Errorf("postgres: item claims: %w", err)
		}
		if err := json.Unmarshal(data, &c); err != nil {
			rows.Close()
			return fmt.Errorf("postgres: decode claim: %w", err)
		}
		c.Disputes = disputes
		byID[itemID].Claims = append(byID[itemID].Claims, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("postgres: item claims: %w", err)
	}
	rows, err = db.pool.Query(ctx, `SELECT s.item_id, p.id, p.source, p.captured_at, s.n
		FROM sightings s JOIN pages p ON p.id = s.page_id WHERE s.item_id = ANY($1)
		ORDER BY s.item_id, p.captured_at NULLS LAST, p.saved_at, p.id`, ids)
	if err != nil {
		return fmt.Errorf("postgres: sightings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var itemID string
		var s store.Sighting
		if err := rows.Scan(&itemID, &s.PageID, &s.Source, &s.CapturedAt, &s.N); err != nil {
			return fmt.Errorf("postgres: sightings: %w", err)
		}
		byID[itemID].Sightings = append(byID[itemID].Sightings, s)
	}
	return rows.Err()
}

// itemWhere builds the WHERE clause of item listings.
func itemWhere(f store.Filter, a *args) string {
	w := []string{"TRUE"}
	if f.Q != "" {
		w = append(w, "(i.tsv @@ websearch_to_tsquery('dutch', "+a.add(f.Q)+") OR i.stems_tsv @@ websearch_to_tsquery('simple', "+
			a.add(StemQuery(f.Q))+"))")
	}
	var cw []string
	if f.Actor != "" {
		cw = append(cw, "c.actor_id = "+a.add(f.Actor))
	}
	if f.Stance != "" {
		cw = append(cw, "c.stance = "+a.add(f.Stance))
	}
	if f.Country != "" {
		cw = append(cw, "ac.country = "+a.add(f.Country))
	}
	if f.ActorType != "" {
		cw = append(cw, "ac.type = "+a.add(f.ActorType))
	}
	if len(cw) > 0 {
		w = append(w, "EXISTS (SELECT 1 FROM claims c LEFT JOIN actors ac ON ac.id = c.actor_id WHERE c.item_id = i.id AND "+
			strings.Join(cw, " AND ")+")")
	}
	if f.Category != "" {
		p := a.add(f.Category)
		w = append(w, "(EXISTS (SELECT 1 FROM jsonb_array_elements(i.quantities) q WHERE q->>'category' = "+p+
			") OR EXISTS (SELECT 1 FROM claims c WHERE c.item_id = i.id AND "+p+" = ANY(c.categories)))")
	}
	if f.Place != "" {
		p := a.add(f.Place)
		w = append(w, "(EXISTS (SELECT 1 FROM unnest(i.places) pl WHERE lower(pl) = lower("+p+
			")) OR EXISTS (SELECT 1 FROM claims c, unnest(c.places) pl WHERE c.item_id = i.id AND lower(pl) = lower("+p+")))")
	}
	if f.Section != "" {
		w = append(w, "i.section = "+a.add(f.Section))
	}
	if f.From != nil {
		w = append(w, "i.item_time >= "+a.add(*f.From))
	}
	if f.To != nil {
		w = append(w, "i.item_time < "+a.add(*f.To))
	}
	return strings.Join(w, " AND ")
}

// Items lists items, newest first.
func (db *DB) Items(ctx context.Context, f store.Filter) ([]store.ItemRecord, string, error) {
	off, err := decodeCursor(f.Cursor)
	if err != nil {
		return nil, "", err
	}
	limit := limitOf(f)
	var a args
	q := `SELECT ` + itemCols + ` FROM items i WHERE ` + itemWhere(f, &a) +
		` ORDER BY i.item_time DESC, i.id LIMIT ` + a.add(limit+1) + ` OFFSET ` + a.add(off)
	rows, err := db.pool.Query(ctx, q, a...)
	if err != nil {
		return nil, "", fmt.Errorf("postgres: items: %w", err)
	}
	recs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.ItemRecord, error) { return scanItem(r) })
	if err != nil {
		return nil, "", fmt.Errorf("postgres: items: %w", err)
	}
	next := nextCursor(len(recs), limit, off)
	if len(recs) > limit {
		recs = recs[:limit]
	}
	ptrs := make([]*store.ItemRecord, len(recs))
	for i := range recs {
		ptrs[i] = &recs[i]
	}
	if err := db.fillItems(ctx, ptrs); err != nil {
		return nil, "", err
	}
	if recs == nil {
		recs = []store.ItemRecord{}
	}
	return recs, next, nil
}

const claimCols = `c.data, c.actor_id, c.item_id, i.headline, i.dateline, i.published_at, c.claim_time,
	coalesce((SELECT array_agg(claim_id ORDER BY claim_id) FROM disputes WHERE denial_id = c.id), '{}'),
	coalesce((SELECT array_agg(denial_id ORDER BY denial_id) FROM disputes WHERE claim_id = c.id), '{}'),
	coalesce((SELECT array_agg(p.id ORDER BY p.captured_at NULLS LAST, p.saved_at, p.id)
		FROM sightings s JOIN pages p ON p.id = s.page_id WHERE s.item_id = c.item_id), '{}'),
	coalesce((SELECT array_agg(p.source ORDER BY p.captured_at NULLS LAST, p.saved_at, p.id)
		FROM sightings s JOIN pages p ON p.id = s.page_id WHERE s.item_id = c.item_id), '{}')`

func scanClaim(row pgx.Row, extra ...any) (store.ClaimRecord, error) {
	var r store.ClaimRecord
	var data, dl []byte
	var actorID *string
	dest := []any{&data, &actorID, &r.ItemID, &r.Headline, &dl, &r.PublishedAt, &r.Time,
		&r.Disputes, &r.DisputedBy, &r.PageIDs, &r.PageSources}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return r, err
	}
	if actorID != nil {
		r.ActorID = *actorID
	}
	disputes := r.Disputes
	if err := json.Unmarshal(data, &r.Claim); err != nil {
		return r, fmt.Errorf("decode claim: %w", err)
	}
	r.Disputes = disputes
	if dl != nil {
		r.Dateline = &page.Dateline{}
		if err := json.Unmarshal(dl, r.Dateline); err != nil {
			return r, err
		}
	}
	r.Time = r.Time.UTC()
	return r, nil
}

// Claim returns one claim with its provenance and dispute links.
func (db *DB) Claim(ctx context.Context, id string) (store.ClaimRecord, error) {
	r, err := scanClaim(db.pool.QueryRow(ctx, `SELECT `+claimCols+`
		FROM claims c JOIN items i ON i.id = c.item_id WHERE c.id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return r, fmt.Errorf("claim %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("postgres: claim %s: %w", id, err)
	}
	return r, nil
}

func claimWhere(f store.Filter, a *args) string {
	w := []string{"TRUE"}
	if f.Q != "" {
		// The claim's sentence, or its item's headline and text (as in Search).
		q := a.add(f.Q)
		w = append(w, "(c.tsv @@ websearch_to_tsquery('dutch', "+q+") OR c.item_id IN (SELECT qi.id FROM items qi WHERE qi.tsv @@ websearch_to_tsquery('dutch', "+q+
			") OR qi.stems_tsv @@ websearch_to_tsquery('simple', "+a.add(StemQuery(f.Q))+")))")
	}
	if f.Actor != "" {
		w = append(w, "c.actor_id = "+a.add(f.Actor))
	}
	if f.Country != "" {
		w = append(w, "ac.country = "+a.add(f.Country))
	}
	if f.ActorType != "" {
		w = append(w, "ac.type = "+a.add(f.ActorType))
	}
	if f.Stance != "" {
		w = append(w, "c.stance = "+a.add(f.Stance))
	}
	if f.Category != "" {
		w = append(w, a.add(f.Category)+" = ANY(c.categories)")
	}
	if f.Place != "" {
		p := a.add(f.Place)
		w = append(w, "(EXISTS (SELECT 1 FROM unnest(c.places) pl WHERE lower(pl) = lower("+p+
			")) OR EXISTS (SELECT 1 FROM unnest(i.places) pl WHERE lower(pl) = lower("+p+")))")
	}
	if f.Section != "" {
		w = append(w, "i.section = "+a.add(f.Section))
	}
	if f.From != nil {
		w = append(w, "c.claim_time >= "+a.add(*f.From))
	}
	if f.To != nil {
		w = append(w, "c.claim_time < "+a.add(*f.To))
	}
	return strings.Join(w, " AND ")
}

// Claims lists claims, newest first.
func (db *DB) Claims(ctx context.Context, f store.Filter) ([]store.ClaimRecord, string, error) {
	off, err := decodeCursor(f.Cursor)
	if err != nil {
		return nil, "", err
	}
	limit := limitOf(f)
	var a args
	q := `SELECT ` + claimCols + ` FROM claims c JOIN items i ON i.id = c.item_id
		LEFT JOIN actors ac ON ac.id = c.actor_id WHERE ` + claimWhere(f, &a) +
		` ORDER BY c.claim_time DESC, c.item_id, c.pos LIMIT ` + a.add(limit+1) + ` OFFSET ` + a.add(off)
	rows, err := db.pool.Query(ctx, q, a...)
	if err != nil {
		return nil, "", fmt.Errorf("postgres: claims: %w", err)
	}
	recs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.ClaimRecord, error) { return scanClaim(r) })
	if err != nil {
		return nil, "", fmt.Errorf("postgres: claims: %w", err)
	}
	next := nextCursor(len(recs), limit, off)
	if len(recs) > limit {
		recs = recs[:limit]
	}
	if recs == nil {
		recs = []store.ClaimRecord{}
	}
	return recs, next, nil
}

const actorCols = `a.id, a.name, a.type, a.country, a.aliases, a.roles,
	count(c.id), count(c.id) FILTER (WHERE c.stance = 'deny'), min(c.claim_time), max(c.claim_time)`

func scanActor(row pgx.Row) (store.ActorRecord, error) {
	var r store.ActorRecord
	err := row.Scan(&r.ID, &r.Name, &r.Type, &r.Country, &r.Aliases, &r.Roles, &r.Claims, &r.Denials, &r.First, &r.Last)
	return r, err
}

// Actor returns one actor with its claim counts.
func (db *DB) Actor(ctx context.Context, id string) (store.ActorRecord, error) {
	r, err := scanActor(db.pool.QueryRow(ctx, `SELECT `+actorCols+`
		FROM actors a LEFT JOIN claims c ON c.actor_id = a.id WHERE a.id = $1 GROUP BY a.id`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return r, fmt.Errorf("actor %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("postgres: actor %s: %w", id, err)
	}
	return r, nil
}

// Actors lists actors, the most quoted first.
func (db *DB) Actors(ctx context.Context, f store.Filter) ([]store.ActorRecord, error) {
	var a args
	w := []string{"TRUE"}
	if f.Actor != "" {
		w = append(w, "a.id = "+a.add(f.Actor))
	}
	if f.Country != "" {
		w = append(w, "a.country = "+a.add(f.Country))
	}
	if f.ActorType != "" {
		w = append(w, "a.type = "+a.add(f.ActorType))
	}
	if f.Q != "" {
		p := a.add("%" + strings.ToLower(f.Q) + "%")
		w = append(w, "(lower(a.name) LIKE "+p+" OR EXISTS (SELECT 1 FROM unnest(a.aliases) x WHERE lower(x) LIKE "+p+"))")
	}
	cw := ""
	if f.From != nil {
		cw += " AND c.claim_time >= " + a.add(*f.From)
	}
	if f.To != nil {
		cw += " AND c.claim_time < " + a.add(*f.To)
	}
	if f.Stance != "" {
		cw += " AND c.stance = " + a.add(f.Stance)
	}
	q := `SELECT ` + actorCols + ` FROM actors a LEFT JOIN claims c ON c.actor_id = a.id` + cw +
		` WHERE ` + strings.Join(w, " AND ") + ` GROUP BY a.id ORDER BY count(c.id) DESC, a.name, a.id LIMIT ` + a.add(limitOf(f))
	rows, err := db.pool.Query(ctx, q, a...)
	if err != nil {
		return nil, fmt.Errorf("postgres: actors: %w", err)
	}
	recs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.ActorRecord, error) { return scanActor(r) })
	if err != nil {
		return nil, fmt.Errorf("postgres: actors: %w", err)
	}
	if recs == nil {
		recs = []store.ActorRecord{}
	}
	return recs, nil
}

// Disputes lists denial–claim pairs, the newest denial first.
func (db *DB) Disputes(ctx context.Context, f store.Filter) ([]store.Dispute, string, error) {
	off, err := decodeCursor(f.Cursor)
	if err != nil {
		return nil, "", err
	}
	limit := limitOf(f)
	var a args
	w := []string{"TRUE"}
	if f.Actor != "" {
		p := a.add(f.Actor)
		w = append(w, "(d.actor_id = "+p+" OR c.actor_id = "+p+")")
	}
	if f.Category != "" {
		p := a.add(f.Category)
		w = append(w, "("+p+" = ANY(c.categories) OR "+p+" = ANY(d.categories))")
	}
	if f.Country != "" {
		w = append(w, "EXISTS (SELECT 1 FROM actors ac WHERE ac.id IN (c.actor_id, d.actor_id) AND ac.country = "+a.add(f.Country)+")")
	}
	if f.ActorType != "" {
		w = append(w, "EXISTS (SELECT 1 FROM actors ac WHERE ac.id IN (c.actor_id, d.actor_id) AND ac.type = "+a.add(f.ActorType)+")")
	}
	if f.Q != "" {
		p := a.add(f.Q)
		w = append(w, "(c.tsv @@ websearch_to_tsquery('dutch', "+p+") OR d.tsv @@ websearch_to_tsquery('dutch', "+p+"))")
	}
	if f.From != nil {
		w = append(w, "d.claim_time >= "+a.add(*f.From))
	}
	if f.To != nil {
		w = append(w, "d.claim_time < "+a.add(*f.To))
	}
	q := `SELECT x.denial_id, x.claim_id FROM disputes x JOIN claims d ON d.id = x.denial_id
		JOIN claims c ON c.id = x.claim_id WHERE ` + strings.Join(w, " AND ") +
		` ORDER BY d.claim_time DESC, x.denial_id, x.claim_id LIMIT ` + a.add(limit+1) + ` OFFSET ` + a.add(off)
	rows, err := db.pool.Query(ctx, q, a...)
	if err != nil {
		return nil, "", fmt.Errorf("postgres: disputes: %w", err)
	}
	pairs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) ([2]string, error) {
		var p [2]string
		err := r.Scan(&p[0], &p[1])
		return p, err
	})
	if err != nil {
		return nil, "", fmt.Errorf("postgres: disputes: %w", err)
	}
	next := nextCursor(len(pairs), limit, off)
	if len(pairs) > limit {
		pairs = pairs[:limit]
	}
	out := make([]store.Dispute, 0, len(pairs))
	for _, p := range pairs {
		d, err := db.Claim(ctx, p[0])
		if err != nil {
			return nil, "", err
		}
		c, err := db.Claim(ctx, p[1])
		if err != nil {
			return nil, "", err
		}
		out = append(out, store.Dispute{Claim: c, Denial: d})
	}
	return out, next, nil
}

// Markers that ts_headline puts around matches; the text is HTML-escaped
// afterwards and only then are they turned into <mark> tags.
const (
	markStart = "\x01"
	markStop  = "\x02"
)

// Snippet escapes a ts_headline result and turns its markers into <mark> tags.
func Snippet(headline string) string {
	s := html.EscapeString(headline)
	s = strings.ReplaceAll(s, markStart, "<mark>")
	return strings.ReplaceAll(s, markStop, "</mark>")
}

// StemQuery rewrites a web-search query word by word into wirewatch's stems
// (store.Stem), keeping quotes, "-" and "or", for websearch_to_tsquery('simple')
// against the stems column.
func StemQuery(q string) string {
	q = strings.ToValidUTF8(q, " ") // PostgreSQL refuses invalid UTF-8
	var b strings.Builder
	pos := 0
	for _, w := range store.Words(q) {
		b.WriteString(q[pos:w.Start])
		if strings.EqualFold(w.Text, "or") {
			b.WriteString(w.Text)
		} else {
			b.WriteString(store.Stem(w.Text))
		}
		pos = w.End
	}
	b.WriteString(q[pos:])
	return b.String()
}

// Search finds items by Dutch full text, best match first: a match under
// PostgreSQL's dutch configuration or under wirewatch's own stems.
func (db *DB) Search(ctx context.Context, f store.Filter) ([]store.SearchHit, string, error) {
	f.Q = strings.ToValidUTF8(f.Q, " ") // PostgreSQL refuses invalid UTF-8
	if strings.TrimSpace(f.Q) == "" {
		return []store.SearchHit{}, "", nil
	}
	off, err := decodeCursor(f.Cursor)
	if err != nil {
		return nil, "", err
	}
	limit := limitOf(f)
	var a args
	where := itemWhere(f, &a) // adds the @@ condition as $1
	q := `SELECT i.id, i.kind, i.headline, i.dateline, i.item_time,
			greatest(ts_rank(i.tsv, websearch_to_tsquery('dutch', $1)), ts_rank(i.stems_tsv, websearch_to_tsquery('simple', $2))),
			ts_headline('dutch', translate(i.body, E'\x01\x02', ''), websearch_to_tsquery('dutch', $1),
				'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "'),
			i.body,
			(SELECT count(*) FROM claims c WHERE c.item_id = i.id)
		FROM items i WHERE ` + where + `
		ORDER BY 6 DESC, i.item_time DESC, i.id LIMIT ` + a.add(limit+1) + ` OFFSET ` + a.add(off)
	rows, err := db.pool.Query(ctx, q, a...)
	if err != nil {
		return nil, "", fmt.Errorf("postgres: search: %w", err)
	}
	terms := store.QueryTerms(f.Q)
	hits, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.SearchHit, error) {
		var h store.SearchHit
		var dl []byte
		var snip, body string
		var rank float32
		if err := r.Scan(&h.ItemID, &h.Kind, &h.Headline, &dl, &h.Time, &rank, &snip, &body, &h.Claims); err != nil {
			return h, err
		}
		h.Rank = float64(rank)
		if strings.Contains(snip, markStart) {
			h.Snippet = Snippet(snip)
		} else {
			// PostgreSQL's stemmer missed the match that ours found.
			h.Snippet = store.Snippet(body, terms)
		}
		h.Time = h.Time.UTC()
		if dl != nil {
			h.Dateline = &page.Dateline{}
			if err := json.Unmarshal(dl, h.Dateline); err != nil {
				return h, err
			}
		}
		return h, nil
	})
	if err != nil {
		return nil, "", fmt.Errorf("postgres: search: %w", err)
	}
	next := nextCursor(len(hits), limit, off)
	if len(hits) > limit {
		hits = hits[:limit]
	}
	if hits == nil {
		hits = []store.SearchHit{}
	}
	return hits, next, nil
}

// Timeline returns one point per claimed figure, oldest first.
func (db *DB) Timeline(ctx context.Context, f store.Filter) ([]store.TimelinePoint, error) {
	var a args
	w := claimWhere(f, &a)
	qc := ""
	if f.Category != "" {
		qc = " AND q->>'category' = " + a.add(f.Category)
	}
	q := `SELECT c.claim_time, c.actor_id, ac.name, coalesce(q->>'category', ''),
			(q->>'value')::float8, (q->>'low')::float8, (q->>'high')::float8, coalesce(q->>'text', ''), c.id
		FROM claims c JOIN items i ON i.id = c.item_id JOIN actors ac ON ac.id = c.actor_id
		CROSS JOIN LATERAL jsonb_array_elements(coalesce(c.data->'quantities', '[]')) q
		WHERE ` + w + qc + ` ORDER BY c.claim_time, c.id, q->>'start' LIMIT ` + a.add(limitOrAll(f))
	rows, err := db.pool.Query(ctx, q, a...)
	if err != nil {
		return nil, fmt.Errorf("postgres: timeline: %w", err)
	}
	pts, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.TimelinePoint, error) {
		var p store.TimelinePoint
		err := r.Scan(&p.Time, &p.ActorID, &p.Actor, &p.Category, &p.Value, &p.Low, &p.High, &p.Text, &p.ClaimID)
		p.Time = p.Time.UTC()
		return p, err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: timeline: %w", err)
	}
	if pts == nil {
		pts = []store.TimelinePoint{}
	}
	return pts, nil
}

// A timeline is drawn whole unless a limit is asked for.
func limitOrAll(f store.Filter) int {
	if f.Limit > 0 {
		return f.Limit
	}
	return 100000
}

// Stats counts what the ledger holds.
func (db *DB) Stats(ctx context.Context) (store.Stats, error) {
	var s store.Stats
	err := db.pool.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM pages), (SELECT count(*) FROM items), (SELECT count(*) FROM claims),
		(SELECT count(*) FROM actors), (SELECT count(*) FROM claims WHERE stance = 'deny'),
		(SELECT count(*) FROM disputes), (SELECT max(item_time) FROM items)`).
		Scan(&s.Pages, &s.Items, &s.Claims, &s.Actors, &s.Denials, &s.Disputes, &s.Latest)
	if err != nil {
		return s, fmt.Errorf("postgres: stats: %w", err)
	}
	if s.Latest != nil {
		t := s.Latest.UTC()
		s.Latest = &t
	}
	return s, nil
}

// SaveFeed upserts what watch remembers of a feed.
func (db *DB) SaveFeed(ctx context.Context, f store.FeedState) error {
	_, err := db.pool.Exec(ctx, `INSERT INTO feeds (url, title, etag, last_modified, last_fetch, status, items, last_error)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (url) DO UPDATE SET title = EXCLUDED.title, etag = EXCLUDED.etag,
			last_modified = EXCLUDED.last_modified, last_fetch = EXCLUDED.last_fetch,
			status = EXCLUDED.status, items = EXCLUDED.items, last_error = EXCLUDED.last_error`,
		f.URL, f.Title, f.ETag, f.LastModified, f.LastFetch, f.Status, f.Items, f.LastError)
	if err != nil {
		return fmt.Errorf("postgres: save feed %s: %w", f.URL, err)
	}
	return nil
}

// Feeds lists the feed states by URL.
func (db *DB) Feeds(ctx context.Context) ([]store.FeedState, error) {
	rows, err := db.pool.Query(ctx, `SELECT url, title, etag, last_modified, last_fetch, status, items, last_error
		FROM feeds ORDER BY url`)
	if err != nil {
		return nil, fmt.Errorf("postgres: feeds: %w", err)
	}
	fs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.FeedState, error) {
		var f store.FeedState
		err := r.Scan(&f.URL, &f.Title, &f.ETag, &f.LastModified, &f.LastFetch, &f.Status, &f.Items, &f.LastError)
		if f.LastFetch != nil {
			t := f.LastFetch.UTC()
			f.LastFetch = &t
		}
		return f, err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: feeds: %w", err)
	}
	if fs == nil {
		fs = []store.FeedState{}
	}
	return fs, nil
}

// HasSource reports whether a page from source (a path or URL) is stored.
func (db *DB) HasSource(ctx context.Context, source string) (bool, error) {
	var has bool
	if err := db.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pages WHERE source = $1)`, source).Scan(&has); err != nil {
		return false, fmt.Errorf("postgres: page from %s: %w", source, err)
	}
	return has, nil
}
