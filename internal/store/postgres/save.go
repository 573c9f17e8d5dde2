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

// saveTx writes a page in a few pipelined batches (pgx.Batch, one round trip
// each) instead of one round trip per statement: the page, items and
// sightings; then actors, claims and in-page disputes with the advisory
// lock; then the cross-page linking's reads, and its writes.
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
	b := &pgx.Batch{}
	b.Queue(`
		INSERT INTO pages (id, source, format, captured_at, raw, error)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (id) DO UPDATE SET
			format = EXCLUDED.format,
			error = EXCLUDED.error,
			captured_at = coalesce(pages.captured_at, EXCLUDED.captured_at)
		RETURNING (xmax = 0)`,
		p.ID, p.Source, p.Format, p.CapturedAt, raw, r.Error).QueryRow(func(row pgx.Row) error {
		if err := row.Scan(&st.NewPage); err != nil {
			return fmt.Errorf("upsert page: %w", err)
		}
		return nil
	})

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
		id := it.ID
		b.Queue(`
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
			analyze.Version, p.CapturedAt, store.StemText(deref(it.Headline), it.Text)).QueryRow(func(row pgx.Row) error {
			var inserted bool
			var t time.Time
			if err := row.Scan(&inserted, &t); err != nil {
				return fmt.Errorf("upsert item %s: %w", id, err)
			}
			itemTime[id] = t
			if inserted {
				st.NewItems++
			} else {
				st.SeenItems++
			}
			return nil
		})
		b.Queue(`INSERT INTO sightings (item_id, page_id, n) VALUES ($1, $2, $3)
			ON CONFLICT (item_id, page_id) DO NOTHING`, it.ID, p.ID, it.N)
	}
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return st, fmt.Errorf("page and items: %w", err)
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
	b = &pgx.Batch{}
	for _, a := range acts {
		queueActor(b, a.id, a.c)
	}

	// Claims: the new analysis replaces the items' old claims, and claims
	// follow their item's time.
	var fresh []freshClaim
	var inPage [][2]string
	claimIDs := []string{}
	for _, it := range items {
		for _, c := range it.Claims {
			claimIDs = append(claimIDs, c.ID)
		}
	}
	b.Queue(`DELETE FROM claims WHERE item_id = ANY($1) AND NOT (id = ANY($2))`, itemIDs, claimIDs)
	b.Queue(`UPDATE claims c SET claim_time = i.item_time FROM items i
		WHERE i.id = c.item_id AND c.item_id = ANY($1) AND c.claim_time <> i.item_time`, itemIDs)
	for _, it := range items {
		t := itemTime[it.ID]
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
			b.Queue(`
				INSERT INTO claims (id, item_id, pos, actor_id, speaker, stance, target_id, categories,
					places, claim_time, data)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
				ON CONFLICT (id) DO UPDATE SET
					item_id = EXCLUDED.item_id, pos = EXCLUDED.pos, actor_id = EXCLUDED.actor_id,
					speaker = EXCLUDED.speaker, stance = EXCLUDED.stance, target_id = EXCLUDED.target_id,
					categories = EXCLUDED.categories, places = EXCLUDED.places,
					claim_time = EXCLUDED.claim_time, data = EXCLUDED.data
				WHERE (claims.item_id, claims.pos, claims.actor_id, claims.speaker, claims.stance,
					claims.target_id, claims.categories, claims.places, claims.claim_time, claims.data)
				IS DISTINCT FROM (EXCLUDED.item_id, EXCLUDED.pos, EXCLUDED.actor_id, EXCLUDED.speaker,
					EXCLUDED.stance, EXCLUDED.target_id, EXCLUDED.categories, EXCLUDED.places,
					EXCLUDED.claim_time, EXCLUDED.data)`,
				c.ID, it.ID, pos, nullString(aid), c.Speaker, c.Stance, target, nonNil(uniq(cats)),
				nonNil(c.Places), t, string(js))
			for _, d := range c.Disputes {
				// The analyser links within a page; skip ids it did not emit as claims.
				if d != c.ID {
					inPage = append(inPage, [2]string{c.ID, d})
				}
			}
			fresh = append(fresh, freshClaim{c: c, itemID: it.ID, actorID: aid, target: target, time: t})
		}
	}
	if len(inPage) > 0 {
		sort.Slice(inPage, func(a, b int) bool {
			if inPage[a][0] != inPage[b][0] {
				return inPage[a][0] < inPage[b][0]
			}
			return inPage[a][1] < inPage[b][1]
		})
		den := make([]string, len(inPage))
		cl := make([]string, len(inPage))
		for i, d := range inPage {
			den[i], cl[i] = d[0], d[1]
		}
		b.Queue(`INSERT INTO disputes (denial_id, claim_id)
			SELECT x.d, c.id FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS x(d, c, o)
			JOIN claims c ON c.id = x.c ORDER BY x.o ON CONFLICT DO NOTHING`, den, cl)
	}
	// Lock, in one sorted order, the actors this page's claims may link
	// through, only now (last in this batch): held from here to the commit,
	// they serialise just the linking of Saves that could link to each
	// other. Rows locked before are items and actors (in id order) that
	// linking does not touch.
	if keys := lockKeys(r); len(keys) > 0 {
		b.Queue(`SELECT pg_advisory_xact_lock(hashtextextended('wirewatch-actor:' || k, 0))
			FROM unnest($1::text[]) AS k ORDER BY k`, keys)
	}
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return st, fmt.Errorf("actors and claims: %w", err)
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
//
// All reads go out in one batch (they read claims and actors, which linking
// does not write), then the fresh denials' links in a second; only stored
// denials whose links a fresh claim may change are handled one by one, since
// each reads the links the previous one may have rewritten.
func linkAcrossPages(ctx context.Context, tx pgx.Tx, fresh []freshClaim) error {
	b := &pgx.Batch{}
	done := map[string]bool{}
	var denials []freshClaim
	denialCands := map[string][]store.Candidate{}
	for _, f := range fresh {
		if f.target == "" || done[f.c.ID] {
			continue
		}
		done[f.c.ID] = true
		denials = append(denials, f)
		f := f
		queueCandidates(b, f).Query(func(rows pgx.Rows) error {
			cands, err := scanCandidates(rows)
			if err != nil {
				return fmt.Errorf("find claims of %s: %w", f.target, err)
			}
			denialCands[f.c.ID] = cands
			return nil
		})
	}
	type claimDenials struct {
		f       freshClaim
		denials []storedDenial
	}
	var perClaim []*claimDenials
	var actors, items []string
	var times []time.Time
	for _, f := range fresh {
		if f.c.Stance == "deny" || f.actorID == "" {
			continue
		}
		perClaim = append(perClaim, &claimDenials{f: f})
		actors = append(actors, f.actorID)
		times = append(times, f.time)
		items = append(items, f.itemID)
	}
	if len(perClaim) > 0 {
		// For every fresh claim at once (one plan, one round trip): the
		// stored denials naming its actor of which it is a candidate, each
		// with its candidate count.
		win := fmt.Sprintf("%d hours", int(disputeWindow.Hours()))
		b.Queue(`SELECT f.k, d.id, d.item_id, d.target_id, d.claim_time, d.data, d.n
			FROM unnest($1::text[], $2::timestamptz[], $3::text[]) WITH ORDINALITY AS f(actor, t, item, k)
			CROSS JOIN LATERAL (
				SELECT d.id, d.item_id, d.target_id, d.claim_time, d.data,
					(SELECT count(*) FROM (SELECT 1 FROM claims c WHERE `+candidateCond("d.target_id",
			"d.claim_time - $4::interval", "d.claim_time + $4::interval", "d.item_id")+` LIMIT 3) x) AS n
				FROM claims d
				WHERE d.stance = 'deny' AND d.claim_time BETWEEN f.t - $4::interval AND f.t + $4::interval
				  AND d.target_id = ANY(ARRAY(SELECT f.actor UNION SELECT unnest(alias_slugs) FROM actors WHERE id = f.actor))
				  AND d.item_id <> f.item
				  AND NOT `+samePage("d.item_id", "f.item")+`
				ORDER BY abs(extract(epoch FROM d.claim_time - f.t)), d.id LIMIT 50) d
			ORDER BY f.k, abs(extract(epoch FROM d.claim_time - f.t)), d.id`, actors, times, items, win).Query(func(rows pgx.Rows) error {
			defer rows.Close()
			for rows.Next() {
				var k int
				var d storedDenial
				var data []byte
				if err := rows.Scan(&k, &d.c.ID, &d.itemID, &d.target, &d.time, &data, &d.candidates); err != nil {
					return fmt.Errorf("find denials: %w", err)
				}
				id := d.c.ID
				if err := json.Unmarshal(data, &d.c); err != nil {
					return fmt.Errorf("claim %s: %w", id, err)
				}
				if k < 1 || k > len(perClaim) {
					return fmt.Errorf("find denials: bad row %d", k)
				}
				if !done[d.c.ID] { // fresh denials are recomputed in full
					perClaim[k-1].denials = append(perClaim[k-1].denials, d)
				}
			}
			if err := rows.Err(); err != nil {
				return fmt.Errorf("find denials: %w", err)
			}
			return nil
		})
	}
	if b.Len() == 0 {
		return nil
	}
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("link reads: %w", err)
	}
	if len(denials) > 0 {
		w := &pgx.Batch{}
		for _, d := range denials {
			queueSetLinks(w, d.c.ID, store.PickDisputes(d.c, d.time, denialCands[d.c.ID]))
		}
		if err := tx.SendBatch(ctx, w).Close(); err != nil {
			return fmt.Errorf("link fresh denials: %w", err)
		}
	}
	for _, cd := range perClaim {
		if len(cd.denials) == 0 {
			continue
		}
		if err := relinkForClaim(ctx, tx, cd.f, cd.denials); err != nil {
			return err
		}
	}
	return nil
}

// candidateCond selects the claims c that a denial (its target id, window
// bounds and item, as SQL expressions) may reject. The actor ids are an
// array so the planner can use claims_actor_idx (actor_id, claim_time), and
// the same-page test probes sightings by key (samePage).
func candidateCond(target, lo, hi, item string) string {
	return `c.stance <> 'deny' AND c.claim_time BETWEEN ` + lo + ` AND ` + hi + `
	AND c.actor_id = ANY(ARRAY(SELECT ` + target + ` UNION SELECT id FROM actors WHERE ` + target + ` = ANY(alias_slugs)))
	AND c.item_id <> ` + item + `
	AND NOT ` + samePage("c.item_id", item)
}

// samePage is an EXISTS test that two items were seen on a common page. It
// walks the pages of the second (usually one) and probes the sightings key
// of the first: the OFFSET 0 fence keeps the planner from scanning all
// pages of an item that recurs on many pages instead.
func samePage(a, b string) string {
	return `EXISTS (SELECT 1 FROM (SELECT s.page_id FROM sightings s WHERE s.item_id = ` + b + ` OFFSET 0) bp
		WHERE EXISTS (SELECT 1 FROM sightings t WHERE t.item_id = ` + a + ` AND t.page_id = bp.page_id))`
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

// queueSetLinks queues the statements making picked the denial's cross-page links.
func queueSetLinks(b *pgx.Batch, denialID string, picked []string) {
	if picked == nil {
		picked = []string{}
	}
	b.Queue(`DELETE FROM disputes WHERE denial_id = $1 AND cross_page AND NOT (claim_id = ANY($2))`,
		denialID, picked)
	b.Queue(`INSERT INTO disputes (denial_id, claim_id, cross_page)
		SELECT $1, unnest($2::text[]), true ON CONFLICT DO NOTHING`, denialID, picked)
}

// setLinks makes picked the denial's cross-page links (one round trip).
func setLinks(ctx context.Context, tx pgx.Tx, denialID string, picked []string) error {
	b := &pgx.Batch{}
	queueSetLinks(b, denialID, picked)
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("link %s: %w", denialID, err)
	}
	return nil
}

// candidatesSQL finds a denial's candidates, nearest in time first.
func candidatesSQL() string {
	return `SELECT c.id, c.claim_time, c.data FROM claims c WHERE ` + candidateCond("$1", "$2", "$3", "$4") + `
		ORDER BY abs(extract(epoch FROM c.claim_time - $5)), c.id LIMIT $6`
}

func candidatesArgs(d freshClaim) []any {
	return []any{d.target, d.time.Add(-disputeWindow), d.time.Add(disputeWindow), d.itemID, d.time, store.DisputeCandidates}
}

// queueCandidates queues the query for a denial's candidates.
func queueCandidates(b *pgx.Batch, d freshClaim) *pgx.QueuedQuery {
	return b.Queue(candidatesSQL(), candidatesArgs(d)...)
}

// linkDenial recomputes one denial's cross-page links.
func linkDenial(ctx context.Context, tx pgx.Tx, d freshClaim) error {
	rows, err := tx.Query(ctx, candidatesSQL(), candidatesArgs(d)...)
	if err != nil {
		return fmt.Errorf("find claims of %s: %w", d.target, err)
	}
	cands, err := scanCandidates(rows)
	if err != nil {
		return fmt.Errorf("find claims of %s: %w", d.target, err)
	}
	return setLinks(ctx, tx, d.c.ID, store.PickDisputes(d.c, d.time, cands))
}

// queueActor queues an actor upsert that writes only when it adds something.
func queueActor(b *pgx.Batch, id string, c claim.Claim) {
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
	b.Queue(`
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
