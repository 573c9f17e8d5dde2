package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"wirewatch/internal/analyze"
	"wirewatch/internal/claim"
	"wirewatch/internal/store"
)

// disputeWindow is the shared rule's window (store.DisputeWindow).
const disputeWindow = store.DisputeWindow

// Save stores one page's analysis in one transaction. Redone after a
// deadlock with another worker, at most a few times.
func (db *DB) Save(ctx context.Context, r analyze.Result) (store.SaveStats, error) {
	var st store.SaveStats
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		st, err = db.saveOnce(ctx, r)
		if err == nil || !retryable(err) {
			break
		}
		select {
		case <-ctx.Done():
			return st, ctx.Err()
		case <-time.After(time.Duration(attempt+1) * 20 * time.Millisecond):
		}
	}
	if err != nil {
		return st, fmt.Errorf("postgres: save page %s: %w", r.Page.ID, err)
	}
	return st, nil
}

func (db *DB) saveOnce(ctx context.Context, r analyze.Result) (store.SaveStats, error) {
	var st store.SaveStats
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		var err error
		st, err = saveTx(ctx, tx, r)
		return err
	})
	return st, err
}

func saveTx(ctx context.Context, tx pgx.Tx, r analyze.Result) (store.SaveStats, error) {
	var st store.SaveStats
	p := r.Page
	if p.ID == "" {
		return st, fmt.Errorf("page has no id")
	}
	raw := p.Raw
	if raw == nil {
		raw = []byte{}
	}
	err := tx.QueryRow(ctx, `
		INSERT INTO pages (id, source, format, captured_at, raw, error)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (id) DO UPDATE SET
			format = EXCLUDED.format,
			error = EXCLUDED.error,
			captured_at = coalesce(pages.captured_at, EXCLUDED.captured_at)
		RETURNING (xmax = 0)`,
		p.ID, p.Source, p.Format, p.CapturedAt, raw, r.Error).Scan(&st.NewPage)
	if err != nil {
		return st, fmt.Errorf("upsert page: %w", err)
	}

	// Upsert in id order so concurrent pages sharing items lock rows in the
	// same order and do not deadlock.
	items := make([]analyze.Item, len(r.Items))
	copy(items, r.Items)
	sort.Slice(items, func(a, b int) bool { return items[a].ID < items[b].ID })
	itemIDs := make([]string, 0, len(items))
	itemTime := map[string]time.Time{}
	for _, it := range items {
		itemIDs = append(itemIDs, it.ID)
		var dl []byte
		var places []string
		if it.Dateline != nil {
			dl, _ = json.Marshal(it.Dateline)
			places = it.Dateline.Places
		}
		if places == nil {
			places = []string{}
		}
		subs, _ := json.Marshal(nonNil(it.Subheadings))
		paras, _ := json.Marshal(nonNil(it.Paragraphs))
		ents, _ := json.Marshal(it.Entities)
		qs, _ := json.Marshal(it.Quantities)
		if it.Entities == nil {
			ents = []byte("[]")
		}
		if it.Quantities == nil {
			qs = []byte("[]")
		}
		var inserted bool
		var t time.Time
		err := tx.QueryRow(ctx, `
			INSERT INTO items (id, kind, headline, dateline, places, age, age_minutes, published_at,
				section, subheadings, url, paragraphs, body, entities, quantities, analysis_version,
				item_time, stems)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
				coalesce($8, $17, now()), $18)
			ON CONFLICT (id) DO UPDATE SET
				kind = EXCLUDED.kind,
				headline = coalesce(EXCLUDED.headline, items.headline),
				dateline = coalesce(EXCLUDED.dateline, items.dateline),
				places = EXCLUDED.places,
				published_at = least(items.published_at, EXCLUDED.published_at),
				section = EXCLUDED.section,
				subheadings = EXCLUDED.subheadings,
				url = CASE WHEN items.url = '' THEN EXCLUDED.url ELSE items.url END,
				paragraphs = EXCLUDED.paragraphs,
				body = EXCLUDED.body,
				entities = EXCLUDED.entities,
				quantities = EXCLUDED.quantities,
				analysis_version = EXCLUDED.analysis_version,
				stems = EXCLUDED.stems,
				item_time = coalesce(least(items.published_at, EXCLUDED.published_at),
					least(items.item_time, EXCLUDED.item_time))
			RETURNING (xmax = 0), item_time`,
			it.ID, it.Kind, it.Headline, nullJSON(dl), places, it.Age, it.AgeMinutes, it.PublishedAt,
			it.Section, string(subs), it.URL, string(paras), it.Text, string(ents), string(qs),
			analyze.Version, p.CapturedAt, store.StemText(deref(it.Headline), it.Text)).Scan(&inserted, &t)
		if err != nil {
			return st, fmt.Errorf("upsert item %s: %w", it.ID, err)
		}
		itemTime[it.ID] = t
		if inserted {
			st.NewItems++
		} else {
			st.SeenItems++
		}
		if _, err := tx.Exec(ctx, `INSERT INTO sightings (item_id, page_id, n) VALUES ($1, $2, $3)
			ON CONFLICT (item_id, page_id) DO NOTHING`, it.ID, p.ID, it.N); err != nil {
			return st, fmt.Errorf("sighting %s: %w", it.ID, err)
		}
	}

	// Actors in id order, for the same reason.
	type actorClaim struct {
		id string
		c  claim.Claim
	}
	var acts []actorClaim
	for _, it := range items {
		for _, c := range it.Claims {
			if aid := store.ClaimActorID(c.Actor.Name, c.Speaker); aid != "" {
				acts = append(acts, actorClaim{aid, c})
			}
		}
	}
	sort.SliceStable(acts, func(a, b int) bool { return acts[a].id < acts[b].id })
	for _, a := range acts {
		if err := upsertActor(ctx, tx, a.id, a.c); err != nil {
			return st, err
		}
	}

	// Claims: the new analysis replaces the item's old claims.
	var fresh []freshClaim
	var inPage [][2]string
	for _, it := range items {
		ids := make([]string, 0, len(it.Claims))
		for _, c := range it.Claims {
			ids = append(ids, c.ID)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM claims WHERE item_id = $1 AND NOT (id = ANY($2))`, it.ID, ids); err != nil {
			return st, fmt.Errorf("prune claims of %s: %w", it.ID, err)
		}
		t := itemTime[it.ID]
		if _, err := tx.Exec(ctx, `UPDATE claims SET claim_time = $2 WHERE item_id = $1 AND claim_time <> $2`, it.ID, t); err != nil {
			return st, fmt.Errorf("claim times of %s: %w", it.ID, err)
		}
		for pos, c := range it.Claims {
			st.Claims++
			aid := store.ClaimActorID(c.Actor.Name, c.Speaker)
			data := c
			data.Disputes = nil // kept in the disputes table, which also holds cross-page links
			js, err := json.Marshal(data)
			if err != nil {
				return st, fmt.Errorf("encode claim %s: %w", c.ID, err)
			}
			var cats []string
			for _, q := range c.Quantities {
				if q.Category != "" {
					cats = append(cats, q.Category)
				}
			}
			target := ""
			if c.Stance == "deny" {
				target = store.ActorID(c.Target)
			}
			if _, err := tx.Exec(ctx, `
				INSERT INTO claims (id, item_id, pos, actor_id, speaker, stance, target_id, categories,
					places, claim_time, data)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
				ON CONFLICT (id) DO UPDATE SET
					item_id = EXCLUDED.item_id, pos = EXCLUDED.pos, actor_id = EXCLUDED.actor_id,
					speaker = EXCLUDED.speaker, stance = EXCLUDED.stance, target_id = EXCLUDED.target_id,
					categories = EXCLUDED.categories, places = EXCLUDED.places,
					claim_time = EXCLUDED.claim_time, data = EXCLUDED.data`,
				c.ID, it.ID, pos, nullString(aid), c.Speaker, c.Stance, target, nonNil(uniq(cats)),
				nonNil(c.Places), t, string(js)); err != nil {
				return st, fmt.Errorf("upsert claim %s: %w", c.ID, err)
			}
			for _, d := range c.Disputes {
				inPage = append(inPage, [2]string{c.ID, d})
			}
			fresh = append(fresh, freshClaim{c: c, itemID: it.ID, actorID: aid, target: target, time: t})
		}
	}
	sort.Slice(inPage, func(a, b int) bool {
		if inPage[a][0] != inPage[b][0] {
			return inPage[a][0] < inPage[b][0]
		}
		return inPage[a][1] < inPage[b][1]
	})
	for _, d := range inPage {
		// The analyser links within a page; skip ids it did not emit as claims.
		if d[0] == d[1] {
			continue
		}
		if _, err := tx.Exec(ctx, `INSERT INTO disputes (denial_id, claim_id)
			SELECT $1, id FROM claims WHERE id = $2 ON CONFLICT DO NOTHING`, d[0], d[1]); err != nil {
			return st, fmt.Errorf("dispute %s→%s: %w", d[0], d[1], err)
		}
	}
	// Lock, in one sorted order, the actors this page's claims may link
	// through, only now: held from here to the commit, they serialise just
	// the linking of Saves that could link to each other. Rows locked
	// before are items and actors (in id order) that linking does not touch.
	if keys := lockKeys(r); len(keys) > 0 {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('wirewatch-actor:' || k, 0))
			FROM unnest($1::text[]) AS k ORDER BY k`, keys); err != nil {
			return st, fmt.Errorf("lock actors: %w", err)
		}
	}
	if err := linkAcrossPages(ctx, tx, fresh); err != nil {
		return st, err
	}
	return st, nil
}

// freshClaim is a claim written by this Save.
type freshClaim struct {
	c               claim.Claim
	itemID, actorID string
	target          string // store.ActorID of a denial's target
	time            time.Time
}

// linkAcrossPages applies the shared rule (store.PickDisputes): a denial with
// a target rejects the best-matching claims of that actor on other pages
// within store.DisputeWindow. It runs for fresh denials and, since pages
// arrive in any order, for stored denials naming the actor of a fresh claim.
// A denial's cross-page links are recomputed from all its candidates each
// time, so the result does not depend on the order of arrival.
//
// The advisory locks saveTx took on the actor ids involved serialise
// concurrent Saves that could link to each other; under READ COMMITTED each
// then sees the other's committed rows.
func linkAcrossPages(ctx context.Context, tx pgx.Tx, fresh []freshClaim) error {
	done := map[string]bool{}
	for _, f := range fresh {
		if f.target != "" && !done[f.c.ID] {
			done[f.c.ID] = true
			if err := linkDenial(ctx, tx, f); err != nil {
				return err
			}
		}
	}
	for _, f := range fresh {
		if f.c.Stance == "deny" || f.actorID == "" {
			continue
		}
		// The stored denials naming this claim's actor of which it is a
		// candidate, each with its candidate count.
		win := fmt.Sprintf("%d hours", int(disputeWindow.Hours()))
		rows, err := tx.Query(ctx, `SELECT d.id, d.item_id, d.target_id, d.claim_time, d.data,
				(SELECT count(*) FROM (SELECT 1 FROM claims c WHERE `+candidateCond("d.target_id",
			"d.claim_time - $5::interval", "d.claim_time + $5::interval", "d.item_id")+` LIMIT 3) x)
			FROM claims d
			WHERE d.stance = 'deny' AND d.claim_time BETWEEN $2 AND $3
			  AND d.target_id IN (SELECT $1 UNION SELECT unnest(alias_slugs) FROM actors WHERE id = $1)
			  AND d.item_id <> $6
			  AND NOT EXISTS (SELECT 1 FROM sightings a JOIN sightings b ON a.page_id = b.page_id
				WHERE a.item_id = d.item_id AND b.item_id = $6)
			ORDER BY abs(extract(epoch FROM d.claim_time - $4)), d.id LIMIT 50`,
			f.actorID, f.time.Add(-disputeWindow), f.time.Add(disputeWindow), f.time, win, f.itemID)
		if err != nil {
			return fmt.Errorf("find denials of %s: %w", f.actorID, err)
		}
		var denials []storedDenial
		for rows.Next() {
			var d storedDenial
			var data []byte
			if err := rows.Scan(&d.c.ID, &d.itemID, &d.target, &d.time, &data, &d.candidates); err != nil {
				rows.Close()
				return err
			}
			id := d.c.ID
			if err := json.Unmarshal(data, &d.c); err != nil {
				rows.Close()
				return fmt.Errorf("claim %s: %w", id, err)
			}
			if !done[d.c.ID] { // fresh denials were recomputed in full above
				denials = append(denials, d)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if err := relinkForClaim(ctx, tx, f, denials); err != nil {
			return err
		}
	}
	return nil
}

// candidateCond selects the claims c that a denial (its target id, window
// bounds and item, as SQL expressions) may reject.
func candidateCond(target, lo, hi, item string) string {
	return `c.stance <> 'deny' AND c.claim_time BETWEEN ` + lo + ` AND ` + hi + `
	AND (c.actor_id = ` + target + ` OR c.actor_id IN (SELECT id FROM actors WHERE ` + target + ` = ANY(alias_slugs)))
	AND c.item_id <> ` + item + `
	AND NOT EXISTS (SELECT 1 FROM sightings a JOIN sightings b ON a.page_id = b.page_id
		WHERE a.item_id = c.item_id AND b.item_id = ` + item + `)`
}

// storedDenial is a stored denial that a fresh claim may be a candidate of,
// with its number of candidates (counted up to 3).
type storedDenial struct {
	freshClaim
	candidates int
}

// relinkForClaim updates stored denials' cross-page links for one newly
// stored claim of their target. A denial's links are the top picks of its
// candidates, so unless the lone-candidate rule may change (fewer than three
// candidates: recompute in full) the new claim only has to be ranked against
// the current links.
func relinkForClaim(ctx context.Context, tx pgx.Tx, f freshClaim, denials []storedDenial) error {
	var incremental []storedDenial
	var ids []string
	for _, d := range denials {
		switch {
		case d.candidates <= 2:
			if err := linkDenial(ctx, tx, d.freshClaim); err != nil {
				return err
			}
		case store.DisputeScore(d.c, f.c) > 0:
			incremental = append(incremental, d)
			ids = append(ids, d.c.ID)
		}
	}
	if len(incremental) == 0 {
		return nil
	}
	rows, err := tx.Query(ctx, `SELECT x.denial_id, c.id, c.claim_time, c.data FROM disputes x
		JOIN claims c ON c.id = x.claim_id WHERE x.denial_id = ANY($1) AND x.cross_page`, ids)
	if err != nil {
		return fmt.Errorf("current links: %w", err)
	}
	links := map[string][]store.Candidate{}
	for rows.Next() {
		var denial string
		var c store.Candidate
		var data []byte
		if err := rows.Scan(&denial, &c.Claim.ID, &c.Time, &data); err != nil {
			rows.Close()
			return err
		}
		id := c.Claim.ID
		if err := json.Unmarshal(data, &c.Claim); err != nil {
			rows.Close()
			return fmt.Errorf("claim %s: %w", id, err)
		}
		links[denial] = append(links[denial], c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, d := range incremental {
		cur := links[d.c.ID]
		linked := false
		for _, k := range cur {
			linked = linked || k.Claim.ID == f.c.ID
		}
		if linked {
			continue
		}
		picked := store.PickDisputes(d.c, d.time, append(cur, store.Candidate{Claim: f.c, Time: f.time}))
		if !slices.Contains(picked, f.c.ID) {
			continue // ranks below the current links: nothing changes
		}
		if err := setLinks(ctx, tx, d.c.ID, picked); err != nil {
			return err
		}
	}
	return nil
}

func scanCandidates(rows pgx.Rows) ([]store.Candidate, error) {
	defer rows.Close()
	var cands []store.Candidate
	for rows.Next() {
		var c store.Candidate
		var data []byte
		if err := rows.Scan(&c.Claim.ID, &c.Time, &data); err != nil {
			return nil, err
		}
		id := c.Claim.ID
		if err := json.Unmarshal(data, &c.Claim); err != nil {
			return nil, fmt.Errorf("claim %s: %w", id, err)
		}
		cands = append(cands, c)
	}
	return cands, rows.Err()
}

// setLinks makes picked the denial's cross-page links.
func setLinks(ctx context.Context, tx pgx.Tx, denialID string, picked []string) error {
	if picked == nil {
		picked = []string{}
	}
	if _, err := tx.Exec(ctx, `DELETE FROM disputes WHERE denial_id = $1 AND cross_page AND NOT (claim_id = ANY($2))`,
		denialID, picked); err != nil {
		return fmt.Errorf("unlink %s: %w", denialID, err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO disputes (denial_id, claim_id, cross_page)
		SELECT $1, unnest($2::text[]), true ON CONFLICT DO NOTHING`, denialID, picked); err != nil {
		return fmt.Errorf("link %s: %w", denialID, err)
	}
	return nil
}

// linkDenial recomputes one denial's cross-page links.
func linkDenial(ctx context.Context, tx pgx.Tx, d freshClaim) error {
	rows, err := tx.Query(ctx, `SELECT c.id, c.claim_time, c.data FROM claims c WHERE `+candidateCond("$1", "$2", "$3", "$4")+`
		ORDER BY abs(extract(epoch FROM c.claim_time - $5)), c.id LIMIT $6`,
		d.target, d.time.Add(-disputeWindow), d.time.Add(disputeWindow), d.itemID, d.time, store.DisputeCandidates)
	if err != nil {
		return fmt.Errorf("find claims of %s: %w", d.target, err)
	}
	cands, err := scanCandidates(rows)
	if err != nil {
		return fmt.Errorf("find claims of %s: %w", d.target, err)
	}
	return setLinks(ctx, tx, d.c.ID, store.PickDisputes(d.c, d.time, cands))
}

func upsertActor(ctx context.Context, tx pgx.Tx, id string, c claim.Claim) error {
	a := c.Actor
	var aliases, slugs []string
	for _, al := range []string{c.Speaker, a.Name} {
		if strings.TrimSpace(al) != "" {
			aliases = append(aliases, al)
			slugs = append(slugs, store.ActorID(al))
		}
	}
	aliases, slugs = nonNil(uniq(aliases)), nonNil(uniq(slugs))
	name := a.Name
	if name == "" {
		name = c.Speaker
	}
	_, err := tx.Exec(ctx, `
		INSERT INTO actors (id, name, type, country, roles, aliases, alias_slugs) VALUES ($1, $2, $3, $4, $5, $6, $7)
		ON CONFLICT (id) DO UPDATE SET
			type = CASE WHEN actors.type IN ('', 'unknown') AND EXCLUDED.type <> '' THEN EXCLUDED.type ELSE actors.type END,
			country = coalesce(actors.country, EXCLUDED.country),
			roles = ARRAY(SELECT DISTINCT r FROM unnest(actors.roles || EXCLUDED.roles) r ORDER BY r),
			aliases = ARRAY(SELECT DISTINCT x FROM unnest(actors.aliases || EXCLUDED.aliases) x ORDER BY x),
			alias_slugs = ARRAY(SELECT DISTINCT x FROM unnest(actors.alias_slugs || EXCLUDED.alias_slugs) x ORDER BY x)
		WHERE NOT (actors.roles @> EXCLUDED.roles AND actors.aliases @> EXCLUDED.aliases
			AND (actors.country IS NOT NULL OR EXCLUDED.country IS NULL)
			AND NOT (actors.type IN ('', 'unknown') AND EXCLUDED.type NOT IN ('', 'unknown')))`,
		id, name, a.Type, a.Country, nonNil(a.Roles), aliases, slugs)
	if err != nil {
		return fmt.Errorf("upsert actor %s: %w", id, err)
	}
	return nil
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func uniq(s []string) []string {
	if len(s) == 0 {
		return s
	}
	out := append([]string(nil), s...)
	sort.Strings(out)
	j := 0
	for i := range out {
		if out[i] == "" || (j > 0 && out[i] == out[j-1]) {
			continue
		}
		out[j] = out[i]
		j++
	}
	return out[:j]
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nullJSON(b []byte) any {
	if b == nil {
		return nil
	}
	return string(b)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// lockKeys are the actor ids a page's claims can link through: the targets
// of denials, and the ids and alias slugs of other claims' actors.
func lockKeys(r analyze.Result) []string {
	var keys []string
	for _, it := range r.Items {
		for _, c := range it.Claims {
			if c.Stance == "deny" {
				if t := store.ActorID(c.Target); t != "" {
					keys = append(keys, t)
				}
				continue
			}
			if store.ClaimActorID(c.Actor.Name, c.Speaker) == "" {
				continue
			}
			keys = append(keys, store.ClaimActorID(c.Actor.Name, c.Speaker))
			for _, a := range []string{c.Speaker, c.Actor.Name} {
				if s := store.ActorID(a); s != "" {
					keys = append(keys, s)
				}
			}
		}
	}
	return uniq(keys)
}
