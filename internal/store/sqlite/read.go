package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"wirewatch/internal/page"
	"wirewatch/internal/store"
)

// cond collects WHERE clauses and their arguments.
type cond struct {
	where []string
	args  []any
}

func (c *cond) add(clause string, args ...any) {
	c.where = append(c.where, clause)
	c.args = append(c.args, args...)
}

func (c *cond) sql() string {
	if len(c.where) == 0 {
		return "1"
	}
	return strings.Join(c.where, " AND ")
}

// claimActorConds are the filters on who said what, for claim alias a.
func claimActorConds(c *cond, f store.Filter, a string) {
	if f.Actor != "" {
		c.add(a+".actor_id = ?", f.Actor)
	}
	if f.Country != "" {
		c.add(a+".actor_id IN (SELECT id FROM actors WHERE country = ?)", f.Country)
	}
	if f.ActorType != "" {
		c.add(a+".actor_id IN (SELECT id FROM actors WHERE type = ?)", f.ActorType)
	}
	if f.Stance != "" {
		c.add(a+".stance = ?", f.Stance)
	}
	if f.Category != "" {
		c.add("EXISTS (SELECT 1 FROM claim_quantities q WHERE q.claim_id = "+a+".id AND q.category = ?)", f.Category)
	}
}

// claimConds are all filters on claim alias a.
func claimConds(c *cond, f store.Filter, a string) {
	claimActorConds(c, f, a)
	if f.Place != "" {
		c.add("(EXISTS (SELECT 1 FROM claim_places p WHERE p.claim_id = "+a+".id AND p.place = ?) OR EXISTS (SELECT 1 FROM item_places p WHERE p.item_id = "+a+".item_id AND p.place = ?))", f.Place, f.Place)
	}
	if f.Section != "" {
		c.add(a+".item_id IN (SELECT id FROM items WHERE section = ?)", f.Section)
	}
	if f.From != nil {
		c.add(a+".time >= ?", f.From.UnixNano())
	}
	if f.To != nil {
		c.add(a+".time <= ?", f.To.UnixNano())
	}
}

// ftsQuery is the FTS5 query for all of terms (each quoted, so no operator
// syntax leaks in from user input).
func ftsQuery(terms []string) string {
	quoted := make([]string, len(terms))
	for i, t := range terms {
		quoted[i] = `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
	}
	return strings.Join(quoted, " ")
}

// claimQuery filters claim alias a by a full-text query: the claim's item
// (headline and text) contains every term, or the claim's own content words
// (store.ClaimWords of its content and sentence) do.
func claimQuery(c *cond, q, a string) {
	terms := store.QueryTerms(q)
	if len(terms) == 0 {
		return
	}
	own := make([]string, len(terms))
	args := []any{ftsQuery(terms)}
	for i, t := range terms {
		own[i] = "instr(' ' || " + a + ".words || ' ', ?) > 0"
		args = append(args, " "+t+" ")
	}
	c.add("("+a+".item_id IN (SELECT id FROM items WHERE rid IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)) OR ("+
		strings.Join(own, " AND ")+"))", args...)
}

// itemConds are the filters on item alias i: on the item itself or, for
// who-said-what filters, on any of its claims.
func itemConds(c *cond, f store.Filter, i string) {
	// The per-item subqueries name claims_item and disable the place index
	// (unary +): without statistics the planner may otherwise scan every
	// denial, or every claim in a place, once per item (seconds per search).
	var sub cond
	claimActorConds(&sub, f, "c")
	if len(sub.where) > 0 {
		c.add("EXISTS (SELECT 1 FROM claims c INDEXED BY claims_item WHERE c.item_id = "+i+".id AND "+sub.sql()+")", sub.args...)
	}
	if f.Place != "" {
		c.add("(EXISTS (SELECT 1 FROM item_places p WHERE p.item_id = "+i+".id AND p.place = ?) OR EXISTS (SELECT 1 FROM claims c INDEXED BY claims_item JOIN claim_places p ON p.claim_id = c.id WHERE c.item_id = "+i+".id AND +p.place = ?))", f.Place, f.Place)
	}
	if f.Section != "" {
		c.add(i+".section = ?", f.Section)
	}
	if f.From != nil {
		c.add(i+".time >= ?", f.From.UnixNano())
	}
	if f.To != nil {
		c.add(i+".time <= ?", f.To.UnixNano())
	}
}

// Page returns one stored page with its raw bytes.
func (s *Store) Page(ctx context.Context, id string) (store.PageRecord, error) {
	var (
		p  store.PageRecord
		at sql.NullInt64
	)
	err := s.r.QueryRowContext(ctx, `SELECT id, source, format, captured_at, raw, error FROM pages WHERE id = ?`, id).
		Scan(&p.ID, &p.Source, &p.Format, &at, &p.Raw, &p.Error)
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("page %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return p, fmt.Errorf("page %s: %w", id, err)
	}
	p.CapturedAt = fromNullNanos(at)
	p.Page.Raw = p.Raw
	rows, err := s.r.QueryContext(ctx, `SELECT item_id FROM sightings WHERE page_id = ? ORDER BY n, item_id`, id)
	if err != nil {
		return p, fmt.Errorf("page %s items: %w", id, err)
	}
	defer rows.Close()
	p.ItemIDs = []string{}
	for rows.Next() {
		var it string
		if err := rows.Scan(&it); err != nil {
			return p, err
		}
		p.ItemIDs = append(p.ItemIDs, it)
	}
	return p, rows.Err()
}

// RawPages calls fn with every stored page, oldest capture first. It reads the
// ids first so fn may write to the store.
func (s *Store) RawPages(ctx context.Context, fn func(page.Page) error) error {
	rows, err := s.r.QueryContext(ctx, `SELECT id FROM pages ORDER BY captured_at, id`)
	if err != nil {
		return fmt.Errorf("raw pages: %w", err)
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range ids {
		var (
			p  page.Page
			at sql.NullInt64
		)
		err := s.r.QueryRowContext(ctx, `SELECT id, source, format, captured_at, raw FROM pages WHERE id = ?`, id).
			Scan(&p.ID, &p.Source, &p.Format, &at, &p.Raw)
		if err != nil {
			return fmt.Errorf("raw page %s: %w", id, err)
		}
		p.CapturedAt = fromNullNanos(at)
		if err := fn(p); err != nil {
			return err
		}
	}
	return nil
}

const itemCols = `i.id, i.data, i.analysis_version, i.first_seen, i.time,
	(SELECT json_group_array(json_array(s.page_id, p.source, s.captured_at, s.n)) FROM
		(SELECT * FROM sightings s WHERE s.item_id = i.id ORDER BY s.captured_at, s.page_id) s JOIN pages p ON p.id = s.page_id),
	(SELECT json_group_array(json_set(c.data, '$.disputes', json(` + deniedSQL + `))) FROM
		(SELECT id, data FROM claims c INDEXED BY claims_item WHERE c.item_id = i.id ORDER BY c.idx, c.rid) c)`

// deniedSQL is the JSON array of the claims that denial c rejects, from the
// disputes table (links found within a page and across pages).
const deniedSQL = `(SELECT json_group_array(claim_id) FROM (SELECT claim_id FROM disputes WHERE denial_id = c.id ORDER BY claim_id))`

func scanItem(sc interface{ Scan(...any) error }) (store.ItemRecord, error) {
	var (
		it                  store.ItemRecord
		id, data, sightings string
		claims              string
		firstSeen, t        int64
	)
	if err := sc.Scan(&id, &data, &it.AnalysisVersion, &firstSeen, &t, &sightings, &claims); err != nil {
		return it, err
	}
	if err := json.Unmarshal([]byte(data), &it.Item); err != nil {
		return it, fmt.Errorf("item %s: %w", id, err)
	}
	// "claims": null: the claims live in the claims table only.
	if it.Claims == nil {
		if err := json.Unmarshal([]byte(claims), &it.Claims); err != nil {
			return it, fmt.Errorf("item %s claims: %w", id, err)
		}
	}
	it.FirstSeen, it.Time = fromNanos(firstSeen), fromNanos(t)
	var raw [][]any
	if err := json.Unmarshal([]byte(sightings), &raw); err != nil {
		return it, fmt.Errorf("item %s sightings: %w", id, err)
	}
	it.Sightings = make([]store.Sighting, 0, len(raw))
	for _, r := range raw {
		sg := store.Sighting{}
		sg.PageID, _ = r[0].(string)
		sg.Source, _ = r[1].(string)
		if n, ok := r[2].(float64); ok {
			// JSON numbers lose nanoseconds beyond 2^53; sightings only need the capture to the microsecond.
			t := fromNanos(int64(n))
			sg.CapturedAt = &t
		}
		if n, ok := r[3].(float64); ok {
			sg.N = int(n)
		}
		it.Sightings = append(it.Sightings, sg)
	}
	return it, nil
}

// Item returns one item with its sightings.
func (s *Store) Item(ctx context.Context, id string) (store.ItemRecord, error) {
	it, err := scanItem(s.r.QueryRowContext(ctx, `SELECT `+itemCols+` FROM items i WHERE i.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return it, fmt.Errorf("item %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return it, fmt.Errorf("item %s: %w", id, err)
	}
	return it, nil
}

// Items lists items newest first.
func (s *Store) Items(ctx context.Context, f store.Filter) ([]store.ItemRecord, string, error) {
	var c cond
	itemConds(&c, f, "i")
	return newestFirst(ctx, s, "items", `SELECT `+itemCols+` FROM items i`, "i", &c, f, scanItem,
		func(it store.ItemRecord) (int64, string) { return it.Time.UnixNano(), it.ID })
}

// newestFirst runs a query keyset-paged by (alias.time, alias.id), newest
// first: selectFrom is the query up to its WHERE, c its conditions, key the
// position of a row for the next page's cursor.
func newestFirst[T any](ctx context.Context, s *Store, what, selectFrom, alias string, c *cond, f store.Filter,
	scan func(interface{ Scan(...any) error }) (T, error), key func(T) (int64, string)) ([]T, string, error) {
	if f.Cursor != "" {
		var t int64
		var id string
		if err := store.DecodeCursor(f.Cursor, &t, &id); err != nil {
			return nil, "", err
		}
		c.add("("+alias+".time, "+alias+".id) < (?, ?)", t, id)
	}
	limit := store.PageSize(f)
	rows, err := s.r.QueryContext(ctx, selectFrom+` WHERE `+c.sql()+` ORDER BY `+alias+`.time DESC, `+alias+`.id DESC LIMIT ?`,
		append(c.args, limit+1)...)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, "", err
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, "", fmt.Errorf("%s: %w", what, err)
	}
	next := ""
	if len(out) > limit {
		out = out[:limit]
		next = store.EncodeCursor(key(out[limit-1]))
	}
	return out, next, nil
}

// claimCols selects a claim (alias c) with its item provenance (alias i).
const claimCols = `c.id, c.actor_id, c.item_id, c.time, c.data, i.headline, i.dateline, i.published_at,
	(SELECT json_group_array(json_array(s.page_id, p.source)) FROM
		(SELECT * FROM sightings s WHERE s.item_id = c.item_id ORDER BY s.captured_at, s.page_id) s JOIN pages p ON p.id = s.page_id),
	(SELECT json_group_array(denial_id) FROM (SELECT denial_id FROM disputes WHERE claim_id = c.id ORDER BY denial_id)),
	` + deniedSQL

func scanClaim(sc interface{ Scan(...any) error }) (store.ClaimRecord, error) {
	var (
		cr                        store.ClaimRecord
		id, data, pages, disputed string
		denied                    string
		t                         int64
		headline, dateline        sql.NullString
		published                 sql.NullInt64
	)
	if err := sc.Scan(&id, &cr.ActorID, &cr.ItemID, &t, &data, &headline, &dateline, &published, &pages, &disputed, &denied); err != nil {
		return cr, err
	}
	if err := json.Unmarshal([]byte(data), &cr.Claim); err != nil {
		return cr, fmt.Errorf("claim %s: %w", id, err)
	}
	cr.Claim.Disputes = []string{}
	if err := json.Unmarshal([]byte(denied), &cr.Claim.Disputes); err != nil {
		return cr, fmt.Errorf("claim %s disputes: %w", id, err)
	}
	cr.Time = fromNanos(t)
	if headline.Valid {
		cr.Headline = &headline.String
	}
	if dateline.Valid {
		cr.Dateline = &page.Dateline{}
		if err := json.Unmarshal([]byte(dateline.String), cr.Dateline); err != nil {
			return cr, fmt.Errorf("claim %s dateline: %w", id, err)
		}
	}
	cr.PublishedAt = fromNullNanos(published)
	var ps [][2]string
	if err := json.Unmarshal([]byte(pages), &ps); err != nil {
		return cr, fmt.Errorf("claim %s pages: %w", id, err)
	}
	cr.PageIDs, cr.PageSources = make([]string, 0, len(ps)), make([]string, 0, len(ps))
	for _, p := range ps {
		cr.PageIDs = append(cr.PageIDs, p[0])
		cr.PageSources = append(cr.PageSources, p[1])
	}
	cr.DisputedBy = []string{}
	if err := json.Unmarshal([]byte(disputed), &cr.DisputedBy); err != nil {
		return cr, fmt.Errorf("claim %s disputes: %w", id, err)
	}
	return cr, nil
}

// Claim returns one claim with its provenance.
func (s *Store) Claim(ctx context.Context, id string) (store.ClaimRecord, error) {
	cr, err := scanClaim(s.r.QueryRowContext(ctx, `SELECT `+claimCols+` FROM claims c JOIN items i ON i.id = c.item_id WHERE c.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return cr, fmt.Errorf("claim %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return cr, fmt.Errorf("claim %s: %w", id, err)
	}
	return cr, nil
}

// Claims lists claims newest first.
func (s *Store) Claims(ctx context.Context, f store.Filter) ([]store.ClaimRecord, string, error) {
	var c cond
	claimConds(&c, f, "c")
	claimQuery(&c, f.Q, "c")
	return newestFirst(ctx, s, "claims", `SELECT `+claimCols+` FROM claims c JOIN items i ON i.id = c.item_id`, "c", &c, f, scanClaim,
		func(cr store.ClaimRecord) (int64, string) { return cr.Time.UnixNano(), cr.ID })
}

// Disputes lists claim/denial pairs, newest denial first. A filter matches a
// pair when either side matches it.
func (s *Store) Disputes(ctx context.Context, f store.Filter) ([]store.Dispute, string, error) {
	var cc, dc cond
	claimConds(&cc, f, "c")
	claimConds(&dc, f, "d")
	var c cond
	if len(cc.where) > 0 {
		c.add("(("+cc.sql()+") OR ("+dc.sql()+"))", append(cc.args, dc.args...)...)
	}
	if f.Cursor != "" {
		var t int64
		var did, cid string
		if err := store.DecodeCursor(f.Cursor, &t, &did, &cid); err != nil {
			return nil, "", err
		}
		c.add("(d.time, d.id, c.id) < (?, ?, ?)", t, did, cid)
	}
	limit := store.PageSize(f)
	rows, err := s.r.QueryContext(ctx, `SELECT x.claim_id, x.denial_id FROM disputes x
		JOIN claims c ON c.id = x.claim_id JOIN claims d ON d.id = x.denial_id
		WHERE `+c.sql()+` ORDER BY d.time DESC, d.id DESC, c.id DESC LIMIT ?`, append(c.args, limit+1)...)
	if err != nil {
		return nil, "", fmt.Errorf("disputes: %w", err)
	}
	var pairs [][2]string
	for rows.Next() {
		var p [2]string
		if err := rows.Scan(&p[0], &p[1]); err != nil {
			rows.Close()
			return nil, "", err
		}
		pairs = append(pairs, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, "", fmt.Errorf("disputes: %w", err)
	}
	next := ""
	if len(pairs) > limit {
		pairs = pairs[:limit]
	}
	out := make([]store.Dispute, 0, len(pairs))
	for _, p := range pairs {
		cl, err := s.Claim(ctx, p[0])
		if err != nil {
			return nil, "", err
		}
		dn, err := s.Claim(ctx, p[1])
		if err != nil {
			return nil, "", err
		}
		out = append(out, store.Dispute{Claim: cl, Denial: dn})
	}
	if len(out) == limit && len(pairs) == limit {
		// There may be more: check with the cursor of the last pair.
		last := out[len(out)-1]
		cur := store.EncodeCursor(last.Denial.Time.UnixNano(), last.Denial.ID, last.Claim.ID)
		var more int
		c2 := cond{where: c.where[:len(c.where):len(c.where)], args: c.args[:len(c.args):len(c.args)]}
		if f.Cursor != "" {
			c2.where, c2.args = c2.where[:len(c2.where)-1], c2.args[:len(c2.args)-3]
		}
		c2.add("(d.time, d.id, c.id) < (?, ?, ?)", last.Denial.Time.UnixNano(), last.Denial.ID, last.Claim.ID)
		err := s.r.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM disputes x JOIN claims c ON c.id = x.claim_id JOIN claims d ON d.id = x.denial_id WHERE `+c2.sql()+`)`, c2.args...).Scan(&more)
		if err != nil {
			return nil, "", fmt.Errorf("disputes: %w", err)
		}
		if more == 1 {
			next = cur
		}
	}
	return out, next, nil
}

// Actor returns one actor with its claim counts.
func (s *Store) Actor(ctx context.Context, id string) (store.ActorRecord, error) {
	as, err := s.actors(ctx, store.Filter{Actor: id, Limit: 1})
	if err != nil {
		return store.ActorRecord{}, err
	}
	if len(as) == 0 {
		return store.ActorRecord{}, fmt.Errorf("actor %s: %w", id, store.ErrNotFound)
	}
	return as[0], nil
}

// Actors lists actors, most claims first. Q matches a name or alias.
func (s *Store) Actors(ctx context.Context, f store.Filter) ([]store.ActorRecord, error) {
	return s.actors(ctx, f)
}

func (s *Store) actors(ctx context.Context, f store.Filter) ([]store.ActorRecord, error) {
	var c cond
	if f.Actor != "" {
		c.add("a.id = ?", f.Actor)
	}
	if f.Country != "" {
		c.add("a.country = ?", f.Country)
	}
	if f.ActorType != "" {
		c.add("a.type = ?", f.ActorType)
	}
	if q := strings.TrimSpace(f.Q); q != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(q) + "%"
		c.add(`(a.name LIKE ? ESCAPE '\' OR EXISTS (SELECT 1 FROM actor_aliases x WHERE x.actor_id = a.id AND x.alias LIKE ? ESCAPE '\'))`, like, like)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT a.id, a.name, a.type, a.country, a.roles,
			(SELECT json_group_array(alias) FROM (SELECT alias FROM actor_aliases WHERE actor_id = a.id ORDER BY alias)),
			(SELECT count(*) FROM claims WHERE actor_id = a.id) AS n_claims,
			(SELECT count(*) FROM claims WHERE actor_id = a.id AND stance = 'deny'),
			(SELECT min(time) FROM claims WHERE actor_id = a.id),
			(SELECT max(time) FROM claims WHERE actor_id = a.id)
		FROM actors a
		WHERE `+c.sql()+` ORDER BY n_claims DESC, a.id LIMIT ?`, append(c.args, store.PageSize(f))...)
	if err != nil {
		return nil, fmt.Errorf("actors: %w", err)
	}
	defer rows.Close()
	out := []store.ActorRecord{}
	for rows.Next() {
		var (
			a            store.ActorRecord
			country      sql.NullString
			roles, alias string
			first, last  sql.NullInt64
		)
		if err := rows.Scan(&a.ID, &a.Name, &a.Type, &country, &roles, &alias, &a.Claims, &a.Denials, &first, &last); err != nil {
			return nil, fmt.Errorf("actors: %w", err)
		}
		if country.Valid {
			a.Country = &country.String
		}
		if err := json.Unmarshal([]byte(roles), &a.Roles); err != nil {
			return nil, fmt.Errorf("actor %s roles: %w", a.ID, err)
		}
		if err := json.Unmarshal([]byte(alias), &a.Aliases); err != nil {
			return nil, fmt.Errorf("actor %s aliases: %w", a.ID, err)
		}
		a.First, a.Last = fromNullNanos(first), fromNullNanos(last)
		out = append(out, a)
	}
	return out, rows.Err()
}

// Search finds items by full text (Dutch stems, all terms must occur), best
// first by bm25. Without query terms it lists items newest first.
func (s *Store) Search(ctx context.Context, f store.Filter) ([]store.SearchHit, string, error) {
	offset := 0
	if f.Cursor != "" {
		if err := store.DecodeCursor(f.Cursor, &offset); err != nil {
			return nil, "", err
		}
		if offset < 0 {
			return nil, "", fmt.Errorf("bad cursor: negative offset")
		}
	}
	terms := store.QueryTerms(f.Q)
	var c cond
	itemConds(&c, f, "i")
	limit := store.PageSize(f)
	// First the page of (rid, rank), reading no item data. Ranking is
	// bounded: bm25 is computed only for the newest searchWindow matches
	// (rowid >= the window's oldest), so a common word costs the same at
	// 100,000 items as at 10,000. FTS5 sorts by rank itself; filters are then
	// checked in rank order and the scan stops at the page end.
	var q string
	var args []any
	var fq string
	var from int64
	if len(terms) > 0 {
		fq = ftsQuery(terms)
		err := s.r.QueryRowContext(ctx, `SELECT rowid FROM items_fts WHERE items_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?`,
			fq, searchWindow-1).Scan(&from)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, "", fmt.Errorf("search %q: window: %w", f.Q, err)
		}
	}
	switch {
	case len(terms) > 0 && len(c.where) == 0:
		q = `SELECT rowid, -rank FROM items_fts WHERE items_fts MATCH ? AND rowid >= ? ORDER BY rank LIMIT ? OFFSET ?`
		args = []any{fq, from, limit + 1, offset}
	case len(terms) > 0:
		// CROSS JOIN keeps the ranked matches as the outer loop: otherwise
		// the planner may drive from a filter's index and re-run the MATCH
		// per item (seconds per query at 20,000 items).
		q = `SELECT i.rid, -m.rank FROM (SELECT rowid AS rid, rank FROM items_fts WHERE items_fts MATCH ? AND rowid >= ? ORDER BY rank) m
			CROSS JOIN items i ON i.rid = m.rid WHERE ` + c.sql() + ` LIMIT ? OFFSET ?`
		args = append(append([]any{fq, from}, c.args...), limit+1, offset)
	default:
		q = `SELECT i.rid, 0.0 FROM items i WHERE ` + c.sql() + ` ORDER BY i.time DESC, i.id DESC LIMIT ? OFFSET ?`
		args = append(c.args, limit+1, offset)
	}
	rids, ranks, err := s.searchPage(ctx, q, args)
	if err == nil && from > 0 && len(rids) <= limit {
		// The window ran out before the page was full (selective filters,
		// or paging deep): rank all matches so nothing older is missed.
		args[1] = int64(0)
		rids, ranks, err = s.searchPage(ctx, q, args)
	}
	if err != nil {
		return nil, "", fmt.Errorf("search %q: %w", f.Q, err)
	}
	next := ""
	if len(rids) > limit {
		rids, ranks = rids[:limit], ranks[:limit]
		next = store.EncodeCursor(offset + limit)
	}
	out, err := s.searchHits(ctx, rids, ranks, terms)
	if err != nil {
		return nil, "", fmt.Errorf("search %q: %w", f.Q, err)
	}
	return out, next, nil
}

// searchWindow is how many of the newest matches a search ranks first.
const searchWindow = 5000

// searchPage runs a search query that yields (rid, rank) rows.
func (s *Store) searchPage(ctx context.Context, q string, args []any) ([]int64, []float64, error) {
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var rids []int64
	var ranks []float64
	for rows.Next() {
		var (
			rid  int64
			rank float64
		)
		if err := rows.Scan(&rid, &rank); err != nil {
			return nil, nil, err
		}
		rids, ranks = append(rids, rid), append(ranks, rank)
	}
	return rids, ranks, rows.Err()
}

// searchHits loads the hits for one page of rids, in that order, with snippets.
func (s *Store) searchHits(ctx context.Context, rids []int64, ranks []float64, terms []string) ([]store.SearchHit, error) {
	out := make([]store.SearchHit, len(rids))
	if len(rids) == 0 {
		return out, nil
	}
	pos := make(map[int64]int, len(rids))
	ph := make([]string, len(rids))
	args := make([]any, len(rids))
	for i, rid := range rids {
		pos[rid], ph[i], args[i] = i, "?", rid
	}
	rows, err := s.r.QueryContext(ctx, `SELECT i.rid, i.id, i.kind, i.headline, i.dateline, i.time, i.n_claims, json_extract(i.data, '$.text')
		FROM items i WHERE i.rid IN (`+strings.Join(ph, ",")+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			h                  store.SearchHit
			rid, t             int64
			headline, dateline sql.NullString
			text               sql.NullString
		)
		if err := rows.Scan(&rid, &h.ItemID, &h.Kind, &headline, &dateline, &t, &h.Claims, &text); err != nil {
			return nil, err
		}
		if headline.Valid {
			h.Headline = &headline.String
		}
		if dateline.Valid {
			h.Dateline = &page.Dateline{}
			if err := json.Unmarshal([]byte(dateline.String), h.Dateline); err != nil {
				return nil, fmt.Errorf("item %s dateline: %w", h.ItemID, err)
			}
		}
		h.Time = fromNanos(t)
		h.Snippet = store.Snippet(text.String, terms)
		i := pos[rid]
		h.Rank = ranks[i]
		out[i] = h
	}
	return out, rows.Err()
}

// Timeline lists claimed figures in time order (at most 5000 points, or Limit).
func (s *Store) Timeline(ctx context.Context, f store.Filter) ([]store.TimelinePoint, error) {
	var c cond
	cat := f.Category
	f.Category = ""
	claimConds(&c, f, "c")
	if cat != "" {
		c.add("q.category = ?", cat)
	}
	limit := 5000
	if f.Limit > 0 {
		limit = f.Limit
	}
	rows, err := s.r.QueryContext(ctx, `SELECT c.time, c.actor_id, COALESCE(a.name, json_extract(c.data, '$.actor.name'), ''), q.category, q.value, q.low, q.high, q.text, c.id
		FROM claim_quantities q JOIN claims c ON c.id = q.claim_id LEFT JOIN actors a ON a.id = c.actor_id
		WHERE `+c.sql()+` ORDER BY c.time, c.id, q.idx LIMIT ?`, append(c.args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("timeline: %w", err)
	}
	defer rows.Close()
	out := []store.TimelinePoint{}
	for rows.Next() {
		var (
			p              store.TimelinePoint
			t              int64
			val, low, high sql.NullFloat64
		)
		if err := rows.Scan(&t, &p.ActorID, &p.Actor, &p.Category, &val, &low, &high, &p.Text, &p.ClaimID); err != nil {
			return nil, fmt.Errorf("timeline: %w", err)
		}
		p.Time = fromNanos(t)
		p.Value, p.Low, p.High = nullFloat(val), nullFloat(low), nullFloat(high)
		out = append(out, p)
	}
	return out, rows.Err()
}

func nullFloat(n sql.NullFloat64) *float64 {
	if !n.Valid {
		return nil
	}
	return &n.Float64
}

// Stats counts what the ledger holds.
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	var (
		st     store.Stats
		latest sql.NullInt64
	)
	err := s.r.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM pages), (SELECT count(*) FROM items), (SELECT count(*) FROM claims),
		(SELECT count(*) FROM actors), (SELECT count(*) FROM claims WHERE stance = 'deny'),
		(SELECT count(*) FROM disputes), (SELECT max(captured_at) FROM pages)`).
		Scan(&st.Pages, &st.Items, &st.Claims, &st.Actors, &st.Denials, &st.Disputes, &latest)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	st.Latest = fromNullNanos(latest)
	return st, nil
}

// SaveFeed stores the state of one feed (by URL).
func (s *Store) SaveFeed(ctx context.Context, f store.FeedState) error {
	b, err := json.Marshal(f)
	if err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if _, err := s.w.ExecContext(ctx, `INSERT INTO feeds (url, data) VALUES (?, ?) ON CONFLICT (url) DO UPDATE SET data = excluded.data`, f.URL, string(b)); err != nil {
		return fmt.Errorf("save feed %s: %w", f.URL, err)
	}
	return nil
}

// Feeds lists the stored feed states by URL.
func (s *Store) Feeds(ctx context.Context) ([]store.FeedState, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT data FROM feeds ORDER BY url`)
	if err != nil {
		return nil, fmt.Errorf("feeds: %w", err)
	}
	defer rows.Close()
	out := []store.FeedState{}
	for rows.Next() {
		var data string
		if err := rows.Scan(&data); err != nil {
			return nil, err
		}
		var f store.FeedState
		if err := json.Unmarshal([]byte(data), &f); err != nil {
			return nil, fmt.Errorf("feeds: %w", err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// HasSource reports whether a page from source (a path or URL) is stored.
func (s *Store) HasSource(ctx context.Context, source string) (bool, error) {
	var has bool
	if err := s.r.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pages WHERE source = ?)`, source).Scan(&has); err != nil {
		return false, fmt.Errorf("page from %s: %w", source, err)
	}
	return has, nil
}
