package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
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
	var st store.SaveStats
	p := r.Page
	if p.ID == "" {
		sum := sha256.Sum256(p.Raw)
		p.ID = hex.EncodeToString(sum[:])
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return st, fmt.Errorf("save %s: begin: %w", p.Source, err)
	}
	defer tx.Rollback()
	sv := &saver{s: s, tx: tx, ctx: ctx, now: s.now().UTC()}
	if err := sv.save(p, r, &st); err != nil {
		return store.SaveStats{}, fmt.Errorf("save %s: %w", p.Source, err)
	}
	if err := tx.Commit(); err != nil {
		return store.SaveStats{}, fmt.Errorf("save %s: commit: %w", p.Source, err)
	}
	return st, nil
}

// SaveBatch stores several pages' analyses in one transaction, as the same
// Saves in order would (a page may build on an earlier one in the batch), and
// returns one SaveStats per result. One commit per batch instead of per page
// writes each hot index page to the WAL once: this is the fast path for bulk
// ingest. On error nothing of the batch is stored.
func (s *Store) SaveBatch(ctx context.Context, rs []analyze.Result) ([]store.SaveStats, error) {
	out := make([]store.SaveStats, len(rs))
	if len(rs) == 0 {
		return out, nil
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("save batch: begin: %w", err)
	}
	defer tx.Rollback()
	now := s.now().UTC()
	for i, r := range rs {
		p := r.Page
		if p.ID == "" {
			sum := sha256.Sum256(p.Raw)
			p.ID = hex.EncodeToString(sum[:])
		}
		sv := &saver{s: s, tx: tx, ctx: ctx, now: now}
		if err := sv.save(p, r, &out[i]); err != nil {
			return nil, fmt.Errorf("save %s: %w", p.Source, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("save batch: commit: %w", err)
	}
	return out, nil
}

type saver struct {
	s   *Store
	tx  *sql.Tx
	ctx context.Context
	now time.Time
	// actorsDone holds the actor facts already merged in this Save.
	actorsDone map[string]bool
	// fresh are claims inserted or replaced by this Save, for dispute linking.
	fresh []freshClaim
}

type freshClaim struct {
	c           claim.Claim
	itemID      string
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

// stmt is q prepared once on the write connection, bound to this transaction.
func (sv *saver) stmt(q string) (*sql.Stmt, error) {
	st, err := sv.s.prepared(sv.ctx, q)
	if err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	return sv.tx.StmtContext(sv.ctx, st), nil
}

func (sv *saver) save(p page.Page, r analyze.Result, st *store.SaveStats) error {
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
	for _, it := range r.Items {
		st.Claims += len(it.Claims)
		isNew, err := sv.saveItem(p, it)
		if err != nil {
			return fmt.Errorf("item %s: %w", it.ID, err)
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
// page) only gets the sighting: no JSON, FTS, claim or dispute work.
func (sv *saver) saveItem(p page.Page, it analyze.Item) (bool, error) {
	hash, err := analysisHash(it)
	if err != nil {
		return false, err
	}
	var (
		rid                 int64
		oldHash, ver        string
		firstCapture, pubAt sql.NullInt64
		firstSeen, cur      int64
	)
	err = sv.queryRow(`SELECT rid, analysis_hash, analysis_version, first_capture, first_seen, time, published_at FROM items WHERE id = ?`, it.ID).
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
		data, err := json.Marshal(it)
		if err != nil {
			return false, err
		}
		dl, err := jsonOrNil(it.Dateline)
		if err != nil {
			return false, err
		}
		res, err := sv.exec(`INSERT INTO items (id, kind, headline, dateline, section, published_at, first_capture, first_seen, time, analysis_version, n_claims, data, analysis_hash)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			it.ID, it.Kind, it.Headline, dl, it.Section, nanos(it.PublishedAt), firstCapture, firstSeen, t, analyze.Version, len(it.Claims), string(data), hash)
		if err != nil {
			return false, fmt.Errorf("insert item: %w", err)
		}
		if rid, err = res.LastInsertId(); err != nil {
			return false, err
		}
		if err := sv.itemExtras(rid, it, t, false); err != nil {
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
			data, err := json.Marshal(it)
			if err != nil {
				return false, err
			}
			dl, err := jsonOrNil(it.Dateline)
			if err != nil {
				return false, err
			}
			if _, err := sv.exec(`UPDATE items SET kind = ?, headline = ?, dateline = ?, section = ?, published_at = ?, time = ?, analysis_version = ?, n_claims = ?, data = ?, analysis_hash = ? WHERE rid = ?`,
				it.Kind, it.Headline, dl, it.Section, nanos(it.PublishedAt), t, analyze.Version, len(it.Claims), string(data), hash, rid); err != nil {
				return false, fmt.Errorf("update item: %w", err)
			}
			if err := sv.itemExtras(rid, it, t, true); err != nil {
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
// estimated from it, link).
func analysisHash(it analyze.Item) (string, error) {
	it.N, it.Age, it.AgeMinutes, it.PublishedAt, it.PublishedPrecision, it.URL = 0, nil, nil, nil, "", ""
	b, err := json.Marshal(it)
	if err != nil {
		return "", fmt.Errorf("hash item %s: %w", it.ID, err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16]), nil
}

// itemExtras writes the search text, places and claims of a new or re-analysed item.
func (sv *saver) itemExtras(rid int64, it analyze.Item, t int64, replace bool) error {
	headline := ""
	if it.Headline != nil {
		headline = *it.Headline
	}
	if replace {
		if _, err := sv.exec(`DELETE FROM items_fts WHERE rowid = ?`, rid); err != nil {
			return err
		}
		if _, err := sv.exec(`DELETE FROM item_places WHERE item_id = ?`, it.ID); err != nil {
			return err
		}
	}
	if _, err := sv.exec(`INSERT INTO items_fts (rowid, body) VALUES (?, ?)`, rid, store.StemText(headline, it.Text)); err != nil {
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
	for _, c := range it.Claims {
		if err := sv.saveClaim(it.ID, c, t, replace); err != nil {
			return fmt.Errorf("claim %s: %w", c.ID, err)
		}
	}
	return nil
}

func (sv *saver) saveClaim(itemID string, c claim.Claim, t int64, replace bool) error {
	data, err := json.Marshal(c)
	if err != nil {
		return err
	}
	actorID := store.ClaimActorID(c.Actor.Name, c.Speaker)
	target := ""
	if c.Stance == "deny" {
		target = store.ActorID(c.Target)
	}
	words, cats := store.ClaimWords(c), store.ClaimCategories(c)
	if _, err := sv.exec(`INSERT INTO claims (id, item_id, actor_id, stance, mode, cue, target_id, time, words, cats, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET item_id = excluded.item_id, actor_id = excluded.actor_id, stance = excluded.stance, mode = excluded.mode,
			cue = excluded.cue, target_id = excluded.target_id, time = excluded.time, words = excluded.words, cats = excluded.cats, data = excluded.data`,
		c.ID, itemID, actorID, c.Stance, c.Mode, c.Cue, target, t, strings.Join(words, " "), strings.Join(cats, " "), string(data)); err != nil {
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
	if key := actorKey(actorID, c); actorID != "" && !sv.actorsDone[key] {
		if sv.actorsDone == nil {
			sv.actorsDone = map[string]bool{}
		}
		sv.actorsDone[key] = true
		if err := sv.saveActor(actorID, c); err != nil {
			return fmt.Errorf("actor %s: %w", actorID, err)
		}
	}
	sv.fresh = append(sv.fresh, freshClaim{c: c, itemID: itemID, time: t, words: words, cats: cats})
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
		if _, err := sv.exec(`INSERT INTO actor_aliases (actor_id, alias, slug) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, id, alias, store.ActorID(alias)); err != nil {
			return err
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

// keys returns first plus the values of a one-column query, deduplicated.
func (sv *saver) keys(first, q string, arg any) ([]string, error) {
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
	return out, rows.Err()
}

// candidates are the nearest claims (not denials) by the actor a target names
// (by id or alias) on pages other than the denial's item's pages.
func (sv *saver) candidates(target, itemID string, t int64) ([]store.Candidate, error) {
	actors, err := sv.keys(target, `SELECT DISTINCT actor_id FROM actor_aliases WHERE slug = ?`, target)
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
	slugs, err := sv.keys(actorID, `SELECT DISTINCT slug FROM actor_aliases WHERE actor_id = ?`, actorID)
	if err != nil {
		return fmt.Errorf("aliases of %s: %w", actorID, err)
	}
	type denial struct {
		id, itemID  string
		time        int64
		words, cats string
		n, minScore int
	}
	var ds []denial
	for _, slug := range slugs {
		err := sv.nearest(`SELECT d.id, d.item_id, d.time, d.words, d.cats,
				(SELECT count(*) FROM disputes x WHERE x.denial_id = d.id AND x.cross_page = 1),
				(SELECT COALESCE(min(score), 0) FROM disputes x WHERE x.denial_id = d.id AND x.cross_page = 1)
			FROM claims d WHERE d.target_id = ?1 AND d.target_id <> '' AND d.time BETWEEN ?2 AND ?3
			ORDER BY d.time {order} LIMIT {limit}`, slug, f.time, maxDenialsPerClaim/2, func(rows *sql.Rows) error {
			var d denial
			if err := rows.Scan(&d.id, &d.itemID, &d.time, &d.words, &d.cats, &d.n, &d.minScore); err != nil {
				return err
			}
			ds = append(ds, d)
			return nil
		})
		if err != nil {
			return fmt.Errorf("denials of %s: %w", slug, err)
		}
	}
	for _, d := range ds {
		if done[d.id] || d.itemID == f.itemID {
			continue
		}
		score := store.ScoreWords(strings.Fields(d.words), strings.Fields(d.cats), f.words, f.cats)
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
		switch {
		case d.n < store.MaxCrossDisputes:
			if err := sv.link(f.c.ID, d.id, true, score); err != nil {
				return err
			}
		default:
			// Full: recompute this denial's links.
			done[d.id] = true
			var data string
			if err := sv.queryRow(`SELECT data FROM claims WHERE id = ?`, d.id).Scan(&data); err != nil {
				return err
			}
			var dc claim.Claim
			if err := json.Unmarshal([]byte(data), &dc); err != nil {
				return fmt.Errorf("claim %s: %w", d.id, err)
			}
			if err := sv.linkDenial(dc, d.itemID, d.time); err != nil {
				return err
			}
		}
	}
	return nil
}

// maxDenialsPerClaim bounds the denials a new claim can make relink.
const maxDenialsPerClaim = 6

// link records that denial rejects claimID, when both are stored.
func (sv *saver) link(claimID, denialID string, cross bool, score int) error {
	if claimID == denialID {
		return nil
	}
	_, err := sv.exec(`INSERT INTO disputes (claim_id, denial_id, cross_page, score)
		SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM claims WHERE id = ?1) AND EXISTS (SELECT 1 FROM claims WHERE id = ?2)
		ON CONFLICT DO NOTHING`, claimID, denialID, cross, score)
	if err != nil {
		return fmt.Errorf("link %s < %s: %w", claimID, denialID, err)
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
		actorID := store.ClaimActorID(f.c.Actor.Name, f.c.Speaker)
		if actorID == "" {
			continue
		}
		if err := sv.offerClaim(actorID, f, done); err != nil {
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
	return nil
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
