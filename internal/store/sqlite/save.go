package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"wirewatch/internal/analyze"
	"wirewatch/internal/claim"
	"wirewatch/internal/page"
	"wirewatch/internal/store"
)

// Save stores one page's analysis in one transaction. Content-addressed ids
// make it idempotent: a page, item or claim already stored is not duplicated.
// An item already stored gets a new sighting; its analysis (and claims) is
// replaced when the new one differs, unless the stored one is from a newer
// analysis version.
func (s *Store) Save(ctx context.Context, r analyze.Result) (store.SaveStats, error) {
	stats, err := s.saveAll(ctx, []analyze.Result{r})
	if err != nil {
		return store.SaveStats{}, err
	}
	return stats[0], nil
}

// SaveBatch stores several pages' analyses in one transaction, as the same
// Saves in order would (a page may build on an earlier one in the batch), and
// returns one SaveStats per result. One commit per batch instead of per page
// writes each hot index page to the WAL once: this is the fast path for bulk
// ingest. On error nothing of the batch is stored.
func (s *Store) SaveBatch(ctx context.Context, rs []analyze.Result) ([]store.SaveStats, error) {
	if len(rs) == 0 {
		return []store.SaveStats{}, nil
	}
	return s.saveAll(ctx, rs)
}

func (s *Store) saveAll(ctx context.Context, rs []analyze.Result) ([]store.SaveStats, error) {
	// Encoding, hashing and stemming need no database: done before taking
	// the write lock, on all cores, so the one writer only writes.
	preps, err := prepareAll(rs)
	if err != nil {
		return nil, err
	}
	out := make([]store.SaveStats, len(rs))
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.wc.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("save %s: begin: %w", rs[0].Page.Source, err)
	}
	committed := false
	defer func() {
		if !committed {
			tx.Rollback()
			s.wcache.reset() // it may hold what was rolled back
		}
	}()
	// The write lock is ours now: nobody commits until we do. Another
	// connection's commit since our last one may have changed what the cache holds.
	var v int64
	if err := tx.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v); err != nil {
		return nil, fmt.Errorf("save %s: data version: %w", rs[0].Page.Source, err)
	}
	if v != s.dataVersion {
		s.wcache.reset()
		s.dataVersion = v
	}
	b := &batch{s: s, tx: tx, ctx: ctx, now: s.now().UTC(), stmts: map[string]*sql.Stmt{}, writeCache: s.wcache}
	for i := range rs {
		sv := &saver{batch: b}
		if err := sv.save(preps[i], &out[i]); err != nil {
			return nil, fmt.Errorf("save %s: %w", rs[i].Page.Source, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("save %s: commit: %w", rs[0].Page.Source, err)
	}
	committed = true
	return out, nil
}

// prepPage is a page's analysis with everything the writer needs computed.
type prepPage struct {
	r     analyze.Result
	id    string
	items []prepItem
}

type prepItem struct {
	it       analyze.Item
	hash     string
	data     string // JSON analyze.Item
	dateline any    // JSON page.Dateline or nil
	stem     string // search text
	claims   []prepClaim
}

type prepClaim struct {
	c                  claim.Claim
	data               string // JSON claim.Claim
	actorID, target    string
	words, cats        []string
	wordsText, catText string
	actorKey           string
}

// prepareAll prepares the pages on up to GOMAXPROCS goroutines.
func prepareAll(rs []analyze.Result) ([]prepPage, error) {
	out := make([]prepPage, len(rs))
	errs := make([]error, len(rs))
	workers := min(runtime.GOMAXPROCS(0), len(rs))
	if workers <= 1 {
		for i, r := range rs {
			out[i], errs[i] = prepare(r)
		}
		return out, errors.Join(errs...)
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Go(func() {
			for i := range next {
				out[i], errs[i] = prepare(rs[i])
			}
		})
	}
	for i := range rs {
		next <- i
	}
	close(next)
	wg.Wait()
	return out, errors.Join(errs...)
}

func prepare(r analyze.Result) (prepPage, error) {
	pp := prepPage{r: r, id: r.Page.ID, items: make([]prepItem, len(r.Items))}
	if pp.id == "" {
		sum := sha256.Sum256(r.Page.Raw)
		pp.id = hex.EncodeToString(sum[:])
	}
	for i, it := range r.Items {
		pi := &pp.items[i]
		pi.it = it
		var err error
		if pi.hash, err = analysisHash(it); err != nil {
			return pp, fmt.Errorf("save %s: %w", r.Page.Source, err)
		}
		// The claims are stored in their own table; "claims": null says so.
		bare := it
		bare.Claims = nil
		data, err := json.Marshal(bare)
		if err != nil {
			return pp, fmt.Errorf("save %s: item %s: %w", r.Page.Source, it.ID, err)
		}
		pi.data = string(data)
		if pi.dateline, err = jsonOrNil(it.Dateline); err != nil {
			return pp, fmt.Errorf("save %s: item %s: %w", r.Page.Source, it.ID, err)
		}
		headline := ""
		if it.Headline != nil {
			headline = *it.Headline
		}
		pi.stem = store.StemText(headline, it.Text)
		pi.claims = make([]prepClaim, len(it.Claims))
		for j, c := range it.Claims {
			pc := &pi.claims[j]
			pc.c = c
			bare := c
			bare.Disputes = nil // read back from the disputes table
			data, err := json.Marshal(bare)
			if err != nil {
				return pp, fmt.Errorf("save %s: claim %s: %w", r.Page.Source, c.ID, err)
			}
			pc.data = string(data)
			pc.actorID = store.ClaimActorID(c.Actor.Name, c.Speaker)
			if c.Stance == "deny" {
				pc.target = store.ActorID(c.Target)
			}
			pc.words, pc.cats = store.ClaimWords(c), store.ClaimCategories(c)
			pc.wordsText, pc.catText = strings.Join(pc.words, " "), strings.Join(pc.cats, " ")
			pc.actorKey = actorKey(pc.actorID, c)
		}
	}
	return pp, nil
}

// batch is the state of one write transaction, shared by its pages' savers.
type batch struct {
	s     *Store
	tx    *sql.Tx
	ctx   context.Context
	now   time.Time
	stmts map[string]*sql.Stmt // prepared statements bound to tx
	*writeCache
}

// writeCache is what saves remember of the ledger between transactions
// (Store.wcache; reset when another connection commits or a save fails).
type writeCache struct {
	// actorsDone holds the actor facts already merged.
	actorsDone map[string]bool
	// slugsOf (actor id → alias slugs) and actorsNamed (slug → actor ids)
	// cache actor_aliases reads; an inserted alias drops the entries it changes.
	slugsOf, actorsNamed map[string][]string
	denials              *denialCache
}

func newWriteCache() *writeCache {
	return &writeCache{actorsDone: map[string]bool{}, slugsOf: map[string][]string{}, actorsNamed: map[string][]string{}, denials: newDenialCache()}
}

func (c *writeCache) reset() {
	clear(c.actorsDone)
	clear(c.slugsOf)
	clear(c.actorsNamed)
	c.denials.reset()
}

// saver stores one page within a batch.
type saver struct {
	*batch
	// fresh are claims inserted or replaced for this page, for dispute linking.
	fresh []freshClaim
}

type freshClaim struct {
	c           claim.Claim
	itemID      string
	actorID     string
	time        int64
	words, cats []string
}

func (sv *saver) exec(q string, args ...any) (sql.Result, error) {
	st, err := sv.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(sv.ctx, args...)
}

func (sv *saver) query(q string, args ...any) (*sql.Rows, error) {
	st, err := sv.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(sv.ctx, args...)
}

func (sv *saver) queryRow(q string, args ...any) *sql.Row {
	st, err := sv.stmt(q)
	if err != nil {
		// Row carries no error of its own; run it unprepared to surface the error.
		return sv.tx.QueryRowContext(sv.ctx, q, args...)
	}
	return st.QueryRowContext(sv.ctx, args...)
}

// stmt is q prepared once on the write connection, bound to this
// transaction once.
func (sv *saver) stmt(q string) (*sql.Stmt, error) {
	if st, ok := sv.stmts[q]; ok {
		return st, nil
	}
	st, err := sv.s.prepared(sv.ctx, q)
	if err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	txst := sv.tx.StmtContext(sv.ctx, st)
	sv.stmts[q] = txst
	return txst, nil
}

func (sv *saver) save(pp prepPage, st *store.SaveStats) error {
	p, r := pp.r.Page, pp.r
	p.ID = pp.id
	var old sql.NullInt64
	err := sv.queryRow(`SELECT captured_at FROM pages WHERE id = ?`, p.ID).Scan(&old)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		st.NewPage = true
		raw := p.Raw
		if raw == nil {
			raw = []byte{}
		}
		if _, err := sv.exec(`INSERT INTO pages (id, source, format, captured_at, raw, error) VALUES (?, ?, ?, ?, ?, ?)`,
			p.ID, p.Source, p.Format, nanos(p.CapturedAt), raw, r.Error); err != nil {
			return fmt.Errorf("insert page: %w", err)
		}
	case err != nil:
		return fmt.Errorf("read page: %w", err)
	default:
		// Keep the earliest capture; take the latest analysis outcome.
		if _, err := sv.exec(`UPDATE pages SET
				captured_at = CASE WHEN captured_at IS NULL OR (?1 IS NOT NULL AND ?1 < captured_at) THEN ?1 ELSE captured_at END,
				error = ?2, format = CASE WHEN ?3 <> '' THEN ?3 ELSE format END
			WHERE id = ?4 AND (error <> ?2 OR (?1 IS NOT NULL AND (captured_at IS NULL OR ?1 < captured_at)) OR (?3 <> '' AND format <> ?3))`,
			nanos(p.CapturedAt), r.Error, p.Format, p.ID); err != nil {
			return fmt.Errorf("update page: %w", err)
		}
	}
	for i := range pp.items {
		pi := &pp.items[i]
		st.Claims += len(pi.it.Claims)
		isNew, err := sv.saveItem(p, pi)
		if err != nil {
			return fmt.Errorf("item %s: %w", pi.it.ID, err)
		}
		if isNew {
			st.NewItems++
		} else {
			st.SeenItems++
		}
	}
	// Links the analysis made within the page.
	for _, it := range r.Items {
		for _, c := range it.Claims {
			for _, target := range c.Disputes {
				if err := sv.link(target, c.ID, false, 0); err != nil {
					return err
				}
			}
		}
	}
	if sv.s.skipCrossLinks {
		return nil
	}
	return sv.linkAcrossPages()
}

// saveItem stores one item and its sighting; it reports whether the item is new.
// A stored item whose analysis hash is unchanged (the same brief on another
// page) only gets the sighting and the page's own in-page links: no JSON,
// FTS, claim or cross-page dispute work.
func (sv *saver) saveItem(p page.Page, pi *prepItem) (bool, error) {
	it, hash := pi.it, pi.hash
	var (
		rid                 int64
		oldHash, ver        string
		firstCapture, pubAt sql.NullInt64
		firstSeen, cur      int64
	)
	err := sv.queryRow(`SELECT rid, analysis_hash, analysis_version, first_capture, first_seen, time, published_at FROM items WHERE id = ?`, it.ID).
		Scan(&rid, &oldHash, &ver, &firstCapture, &firstSeen, &cur, &pubAt)
	isNew := errors.Is(err, sql.ErrNoRows)
	if err != nil && !isNew {
		return false, fmt.Errorf("read item: %w", err)
	}
	capture := nanos(p.CapturedAt)
	if isNew {
		firstSeen = sv.now.UnixNano()
		if capture != nil {
			firstCapture = sql.NullInt64{Int64: capture.(int64), Valid: true}
		}
		t := itemTime(it, firstCapture, firstSeen)
		res, err := sv.exec(`INSERT INTO items (id, kind, headline, dateline, section, published_at, first_capture, first_seen, time, analysis_version, n_claims, data, analysis_hash)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			it.ID, it.Kind, it.Headline, pi.dateline, it.Section, nanos(it.PublishedAt), firstCapture, firstSeen, t, analyze.Version, len(it.Claims), pi.data, hash)
		if err != nil {
			return false, fmt.Errorf("insert item: %w", err)
		}
		if rid, err = res.LastInsertId(); err != nil {
			return false, err
		}
		if err := sv.itemExtras(rid, pi, t, false); err != nil {
			return false, err
		}
	} else {
		if capture != nil && (!firstCapture.Valid || capture.(int64) < firstCapture.Int64) {
			firstCapture = sql.NullInt64{Int64: capture.(int64), Valid: true}
			if _, err := sv.exec(`UPDATE items SET first_capture = ? WHERE rid = ?`, firstCapture, rid); err != nil {
				return false, err
			}
		}
		replace := oldHash != hash && !newerVersion(ver, analyze.Version)
		if replace {
			t := itemTime(it, firstCapture, firstSeen)
			if _, err := sv.exec(`UPDATE items SET kind = ?, headline = ?, dateline = ?, section = ?, published_at = ?, time = ?, analysis_version = ?, n_claims = ?, data = ?, analysis_hash = ? WHERE rid = ?`,
				it.Kind, it.Headline, pi.dateline, it.Section, nanos(it.PublishedAt), t, analyze.Version, len(it.Claims), pi.data, hash, rid); err != nil {
				return false, fmt.Errorf("update item: %w", err)
			}
			if err := sv.itemExtras(rid, pi, t, true); err != nil {
				return false, err
			}
		} else if t := storedTime(pubAt, firstCapture, firstSeen); t != cur {
			// Only an earlier capture can move the stored item's time.
			if _, err := sv.exec(`UPDATE items SET time = ? WHERE rid = ?`, t, rid); err != nil {
				return false, err
			}
			if _, err := sv.exec(`UPDATE claims SET time = ? WHERE item_id = ?`, t, it.ID); err != nil {
				return false, err
			}
			// Same analysis, so the stored claims are these.
			for _, c := range it.Claims {
				sv.denials.moved(c.ID, t)
			}
		}
	}
	if _, err := sv.exec(`INSERT INTO sightings (item_id, page_id, n, captured_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		it.ID, p.ID, it.N, capture); err != nil {
		return false, fmt.Errorf("insert sighting: %w", err)
	}
	return isNew, nil
}

// analysisHash hashes the item's analysis without the fields that depend on
// the page it was seen on (position, printed age and the publication time
// estimated from it, link, the section whose sidebar listed it, in-page links).
func analysisHash(it analyze.Item) (string, error) {
	it.N, it.Age, it.AgeMinutes, it.PublishedAt, it.PublishedPrecision, it.URL = 0, nil, nil, nil, "", ""
	// The same brief is listed under several sections' sidebars; the first stays.
	it.Section = ""
	// A denial's links depend on the other items of the page; they are
	// kept in the disputes table (each page adds its own).
	it.Claims = slices.Clone(it.Claims)
	for i := range it.Claims {
		it.Claims[i].Disputes = nil
	}
	b, err := json.Marshal(it)
	if err != nil {
		return "", fmt.Errorf("hash item %s: %w", it.ID, err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16]), nil
}

// itemExtras writes the search text, places and claims of a new or re-analysed item.
func (sv *saver) itemExtras(rid int64, pi *prepItem, t int64, replace bool) error {
	it := pi.it
	if replace {
		sv.denials.reset() // claims may change stance, target or go
		if _, err := sv.exec(`DELETE FROM items_fts WHERE rowid = ?`, rid); err != nil {
			return err
		}
		if _, err := sv.exec(`DELETE FROM item_places WHERE item_id = ?`, it.ID); err != nil {
			return err
		}
	}
	if _, err := sv.exec(`INSERT INTO items_fts (rowid, body) VALUES (?, ?)`, rid, pi.stem); err != nil {
		return fmt.Errorf("index item: %w", err)
	}
	if it.Dateline != nil {
		for _, pl := range it.Dateline.Places {
			if _, err := sv.exec(`INSERT INTO item_places (item_id, place) VALUES (?, ?) ON CONFLICT DO NOTHING`, it.ID, pl); err != nil {
				return err
			}
		}
	}
	if replace {
		// Drop claims the new analysis no longer finds; keep the others (and
		// their dispute links) and update them in place.
		keep := make([]string, 0, len(it.Claims))
		for _, c := range it.Claims {
			keep = append(keep, c.ID)
		}
		js, _ := json.Marshal(keep)
		if _, err := sv.exec(`DELETE FROM claims WHERE item_id = ? AND id NOT IN (SELECT value FROM json_each(?))`, it.ID, string(js)); err != nil {
			return fmt.Errorf("drop old claims: %w", err)
		}
	}
	for i := range pi.claims {
		if err := sv.saveClaim(it.ID, i, &pi.claims[i], t, replace); err != nil {
			return fmt.Errorf("claim %s: %w", pi.claims[i].c.ID, err)
		}
	}
	return nil
}

func (sv *saver) saveClaim(itemID string, idx int, pc *prepClaim, t int64, replace bool) error {
	c, actorID := pc.c, pc.actorID
	if _, err := sv.exec(`INSERT INTO claims (id, item_id, idx, actor_id, stance, mode, cue, target_id, time, words, cats, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET item_id = excluded.item_id, idx = excluded.idx, actor_id = excluded.actor_id, stance = excluded.stance, mode = excluded.mode,
			cue = excluded.cue, target_id = excluded.target_id, time = excluded.time, words = excluded.words, cats = excluded.cats, data = excluded.data`,
		c.ID, itemID, idx, actorID, c.Stance, c.Mode, c.Cue, pc.target, t, pc.wordsText, pc.catText, pc.data); err != nil {
		return err
	}
	if replace {
		for _, q := range []string{`DELETE FROM claim_quantities WHERE claim_id = ?`, `DELETE FROM claim_places WHERE claim_id = ?`} {
			if _, err := sv.exec(q, c.ID); err != nil {
				return err
			}
		}
	}
	for i, q := range c.Quantities {
		if _, err := sv.exec(`INSERT INTO claim_quantities (claim_id, idx, category, value, low, high, text) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
			c.ID, i, q.Category, q.Value, q.Low, q.High, q.Text); err != nil {
			return err
		}
	}
	for _, pl := range c.Places {
		if _, err := sv.exec(`INSERT INTO claim_places (claim_id, place) VALUES (?, ?) ON CONFLICT DO NOTHING`, c.ID, pl); err != nil {
			return err
		}
	}
	if actorID != "" && !sv.actorsDone[pc.actorKey] {
		sv.actorsDone[pc.actorKey] = true
		if err := sv.saveActor(actorID, c); err != nil {
			return fmt.Errorf("actor %s: %w", actorID, err)
		}
	}
	if pc.target != "" {
		sv.denials.addDenial(&cachedDenial{id: c.ID, itemID: itemID, slug: pc.target, time: t, words: pc.words, cats: pc.cats})
	}
	sv.fresh = append(sv.fresh, freshClaim{c: c, itemID: itemID, actorID: actorID, time: t, words: pc.words, cats: pc.cats})
	return nil
}

// actorKey names what a claim tells about its actor; claims with the same
// key add nothing new to the actor.
func actorKey(id string, c claim.Claim) string {
	country := ""
	if c.Actor.Country != nil {
		country = *c.Actor.Country
	}
	return strings.Join(append([]string{id, c.Speaker, c.Actor.Name, c.Actor.Type, country}, c.Actor.Roles...), "\x00")
}

// saveActor creates the actor or merges what this claim adds (type, country,
// roles, the speaker span as an alias).
func (sv *saver) saveActor(id string, c claim.Claim) error {
	name := c.Actor.Name
	if name == "" {
		name = c.Speaker
	}
	var (
		typ     string
		country sql.NullString
		rolesJS string
	)
	err := sv.queryRow(`SELECT type, country, roles FROM actors WHERE id = ?`, id).Scan(&typ, &country, &rolesJS)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		roles := c.Actor.Roles
		if roles == nil {
			roles = []string{}
		}
		js, _ := json.Marshal(roles)
		if _, err := sv.exec(`INSERT INTO actors (id, name, type, country, roles) VALUES (?, ?, ?, ?, ?)`, id, name, c.Actor.Type, c.Actor.Country, string(js)); err != nil {
			return err
		}
	case err != nil:
		return err
	default:
		var roles []string
		if err := json.Unmarshal([]byte(rolesJS), &roles); err != nil {
			return fmt.Errorf("roles: %w", err)
		}
		changed := false
		for _, r := range c.Actor.Roles {
			if !slices.Contains(roles, r) {
				roles = append(roles, r)
				changed = true
			}
		}
		if (typ == "" || typ == "unknown") && c.Actor.Type != "" && c.Actor.Type != typ {
			typ, changed = c.Actor.Type, true
		}
		if !country.Valid && c.Actor.Country != nil {
			country, changed = sql.NullString{String: *c.Actor.Country, Valid: true}, true
		}
		if changed {
			js, _ := json.Marshal(roles)
			if _, err := sv.exec(`UPDATE actors SET type = ?, country = ?, roles = ? WHERE id = ?`, typ, country, string(js), id); err != nil {
				return err
			}
		}
	}
	for _, alias := range []string{c.Speaker, c.Actor.Name} {
		if strings.TrimSpace(alias) == "" {
			continue
		}
		slug := store.ActorID(alias)
		res, err := sv.exec(`INSERT INTO actor_aliases (actor_id, alias, slug) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, id, alias, slug)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n > 0 {
			delete(sv.slugsOf, id)
			delete(sv.actorsNamed, slug)
		}
	}
	return nil
}

// nearest runs a time-window query twice, forward and backward from t, so
// each half is an index range scan that stops at its LIMIT; q has
// placeholders ?1 (key), ?2/?3 (time range), ?4 (unused) and extra args
// from ?5; {order} is ASC or DESC (a column expression is not allowed, so two
// query texts are built).
// The limit is written into the text as {limit}: SQLite marks a bound LIMIT
// as plan-relevant, so every re-bind would re-prepare the cached statement
// (that re-parse was ~18% of the save cost).
func (sv *saver) nearest(q string, key string, t int64, limit int, scan func(*sql.Rows) error, extra ...any) error {
	window := int64(store.DisputeWindow)
	q = strings.ReplaceAll(q, "{limit}", strconv.Itoa(limit))
	for _, half := range []struct {
		from, to int64
		order    string
	}{{t, t + window, "ASC"}, {t - window, t - 1, "DESC"}} {
		args := append([]any{key, half.from, half.to, nil}, extra...)
		rows, err := sv.query(strings.ReplaceAll(q, "{order}", half.order), args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			if err := scan(rows); err != nil {
				rows.Close()
				return err
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// keys returns first plus the values of a one-column query, deduplicated,
// remembering them in cache for the rest of the transaction.
func (sv *saver) keys(cache map[string][]string, first, q string, arg string) ([]string, error) {
	if v, ok := cache[arg]; ok {
		return v, nil
	}
	out := []string{first}
	rows, err := sv.query(q, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		if k != "" && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	cache[arg] = out
	return out, nil
}

// candidates are the nearest claims (not denials) by the actor a target names
// (by id or alias) on pages other than the denial's item's pages.
func (sv *saver) candidates(target, itemID string, t int64) ([]store.Candidate, error) {
	actors, err := sv.keys(sv.actorsNamed, target, `SELECT DISTINCT actor_id FROM actor_aliases WHERE slug = ?`, target)
	if err != nil {
		return nil, fmt.Errorf("actors named %s: %w", target, err)
	}
	var cands []store.Candidate
	for _, aid := range actors {
		err := sv.nearest(`SELECT c.id, c.time, c.words, c.cats FROM claims c
			WHERE c.actor_id = ?1 AND c.time BETWEEN ?2 AND ?3 AND c.stance <> 'deny' AND c.item_id <> ?5
			  AND NOT EXISTS (SELECT 1 FROM sightings a JOIN sightings b ON a.page_id = b.page_id WHERE a.item_id = c.item_id AND b.item_id = ?5)
			ORDER BY c.time {order} LIMIT {limit}`, aid, t, store.DisputeCandidates/2, func(rows *sql.Rows) error {
			var (
				c           store.Candidate
				ct          int64
				words, cats string
			)
			if err := rows.Scan(&c.Claim.ID, &ct, &words, &cats); err != nil {
				return err
			}
			c.Time = fromNanos(ct)
			c.Words, c.Categories = strings.Fields(words), strings.Fields(cats)
			if c.Words == nil {
				c.Words = []string{}
			}
			cands = append(cands, c)
			return nil
		}, itemID)
		if err != nil {
			return nil, fmt.Errorf("claims of %s: %w", aid, err)
		}
	}
	return cands, nil
}

// offerClaim adds a fresh claim to the cross-page links of stored denials
// near it in time whose target is its actor (by id or alias): it takes the
// place of a denial's weakest link when it scores higher (the denial's links
// are then recomputed).
func (sv *saver) offerClaim(actorID string, f freshClaim, done map[string]bool) error {
	slugs, err := sv.keys(sv.slugsOf, actorID, `SELECT DISTINCT slug FROM actor_aliases WHERE actor_id = ?`, actorID)
	if err != nil {
		return fmt.Errorf("aliases of %s: %w", actorID, err)
	}
	var ds []*cachedDenial
	for _, slug := range slugs {
		near, err := sv.nearDenials(slug, f.time, maxDenialsPerClaim/2)
		if err != nil {
			return err
		}
		ds = append(ds, near...)
	}
	for _, d := range ds {
		if done[d.id] || d.itemID == f.itemID {
			continue
		}
		score := store.ScoreWords(d.words, d.cats, f.words, f.cats)
		// On a tie with a full denial the earlier link stays (cheap; ties are
		// common between near-identical wire reports).
		if score == 0 || (d.n >= store.MaxCrossDisputes && score <= d.minScore) {
			continue
		}
		var samePage bool
		if err := sv.queryRow(`SELECT EXISTS (SELECT 1 FROM sightings a JOIN sightings b ON a.page_id = b.page_id WHERE a.item_id = ? AND b.item_id = ?)`,
			f.itemID, d.itemID).Scan(&samePage); err != nil {
			return err
		}
		if samePage {
			continue
		}
		if d.n < store.MaxCrossDisputes {
			if err := sv.link(f.c.ID, d.id, true, score); err != nil {
				return err
			}
			continue
		}
		// Full: the denial's links are the best of its candidates, so the
		// new claim only has to be ranked against the current ones.
		if err := sv.rerank(d.id, d.time, d.words, d.cats, f, score); err != nil {
			return err
		}
	}
	return nil
}

// rerank makes a fresh claim one of a full denial's cross-page links when it
// ranks above the weakest of them (store.PickDisputes order), dropping that one.
func (sv *saver) rerank(denialID string, dt int64, dWords, dCats []string, f freshClaim, score int) error {
	rows, err := sv.query(`SELECT c.id, c.time, c.words, c.cats FROM disputes x JOIN claims c ON c.id = x.claim_id
		WHERE x.denial_id = ? AND x.cross_page = 1`, denialID)
	if err != nil {
		return fmt.Errorf("links of %s: %w", denialID, err)
	}
	var cur []store.Candidate
	for rows.Next() {
		var (
			c           store.Candidate
			ct          int64
			words, cats string
		)
		if err := rows.Scan(&c.Claim.ID, &ct, &words, &cats); err != nil {
			rows.Close()
			return err
		}
		if c.Claim.ID == f.c.ID {
			rows.Close()
			return nil // already linked
		}
		c.Time = fromNanos(ct)
		c.Words, c.Categories = strings.Fields(words), strings.Fields(cats)
		if c.Words == nil {
			c.Words = []string{}
		}
		cur = append(cur, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	words := f.words
	if words == nil {
		words = []string{}
	}
	picked := store.PickDisputesWords(dWords, dCats, fromNanos(dt),
		append(cur, store.Candidate{Claim: claim.Claim{ID: f.c.ID}, Time: fromNanos(f.time), Words: words, Categories: f.cats}))
	if !slices.Contains(picked, f.c.ID) {
		return nil
	}
	for _, c := range cur {
		if !slices.Contains(picked, c.Claim.ID) {
			if _, err := sv.exec(`DELETE FROM disputes WHERE claim_id = ? AND denial_id = ?`, c.Claim.ID, denialID); err != nil {
				return fmt.Errorf("unlink %s: %w", denialID, err)
			}
		}
	}
	if err := sv.link(f.c.ID, denialID, true, score); err != nil {
		return err
	}
	return sv.refreshDenial(denialID)
}

// maxDenialsPerClaim bounds the denials a new claim can make relink.
const maxDenialsPerClaim = 6

// link records that denial rejects claimID, when both are stored.
func (sv *saver) link(claimID, denialID string, cross bool, score int) error {
	if claimID == denialID {
		return nil
	}
	res, err := sv.exec(`INSERT INTO disputes (claim_id, denial_id, cross_page, score)
		SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM claims WHERE id = ?1) AND EXISTS (SELECT 1 FROM claims WHERE id = ?2)
		ON CONFLICT DO NOTHING`, claimID, denialID, cross, score)
	if err != nil {
		return fmt.Errorf("link %s < %s: %w", claimID, denialID, err)
	}
	if cross {
		if n, err := res.RowsAffected(); err != nil || n > 0 {
			if err != nil {
				return sv.refreshDenial(denialID)
			}
			sv.denials.linked(denialID, score)
		}
	}
	return nil
}

// linkAcrossPages links fresh denials that name a target to that actor's
// claims on other pages, and fresh claims to stored denials naming their actor.
func (sv *saver) linkAcrossPages() error {
	done := map[string]bool{}
	for _, f := range sv.fresh {
		if f.c.Stance == "deny" && f.c.Target != "" && !done[f.c.ID] {
			done[f.c.ID] = true
			if err := sv.linkDenial(f.c, f.itemID, f.time); err != nil {
				return err
			}
		}
	}
	for _, f := range sv.fresh {
		if f.c.Stance == "deny" {
			continue
		}
		if f.actorID == "" {
			continue
		}
		if err := sv.offerClaim(f.actorID, f, done); err != nil {
			return err
		}
	}
	return nil
}

// linkDenial links one denial to the best matching claims of its target actor
// on other pages within the dispute window.
func (sv *saver) linkDenial(d claim.Claim, itemID string, t int64) error {
	target := store.ActorID(d.Target)
	if target == "" {
		return nil
	}
	cands, err := sv.candidates(target, itemID, t)
	if err != nil {
		return err
	}
	// Recompute rather than add, so the links do not depend on the order in
	// which pages arrive.
	if _, err := sv.exec(`DELETE FROM disputes WHERE denial_id = ? AND cross_page = 1`, d.ID); err != nil {
		return fmt.Errorf("unlink %s: %w", d.ID, err)
	}
	dw, dc := store.ClaimWords(d), store.ClaimCategories(d)
	byID := map[string]store.Candidate{}
	for _, c := range cands {
		byID[c.Claim.ID] = c
	}
	for _, id := range store.PickDisputes(d, fromNanos(t), cands) {
		c := byID[id]
		if err := sv.link(id, d.ID, true, store.ScoreWords(dw, dc, c.Words, c.Categories)); err != nil {
			return err
		}
	}
	return sv.refreshDenial(d.ID)
}

func itemTime(it analyze.Item, firstCapture sql.NullInt64, firstSeen int64) int64 {
	switch {
	case it.PublishedAt != nil:
		return it.PublishedAt.UnixNano()
	case firstCapture.Valid:
		return firstCapture.Int64
	}
	return firstSeen
}

// storedTime is itemTime from stored columns.
func storedTime(pubAt, firstCapture sql.NullInt64, firstSeen int64) int64 {
	switch {
	case pubAt.Valid:
		return pubAt.Int64
	case firstCapture.Valid:
		return firstCapture.Int64
	}
	return firstSeen
}

func jsonOrNil(v *page.Dateline) (any, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// newerVersion reports whether analysis version a is newer than b (dotted numbers).
func newerVersion(a, b string) bool {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < max(len(pa), len(pb)); i++ {
		var x, y int
		if i < len(pa) {
			x, _ = strconv.Atoi(pa[i])
		}
		if i < len(pb) {
			y, _ = strconv.Atoi(pb[i])
		}
		if x != y {
			return x > y
		}
	}
	return false
}
