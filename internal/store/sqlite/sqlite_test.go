package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"wirewatch/internal/analyze"
	"wirewatch/internal/claim"
	"wirewatch/internal/corpus"
	"wirewatch/internal/store"
	"wirewatch/internal/store/storetest"
)

// corpusResults are the analyses of n generated pages.
func corpusResults(seed uint64, n int) []analyze.Result {
	g := corpus.New(seed, benchBase)
	rs := make([]analyze.Result, n)
	for i := range rs {
		rs[i] = g.Page(i).Result
	}
	return rs
}

// queryText runs a one-row, one-column query on the store's read pool.
func queryText(t *testing.T, s *Store, q string) string {
	t.Helper()
	var v string
	if err := s.r.QueryRowContext(context.Background(), q).Scan(&v); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return v
}

func open(t *testing.T) store.Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, open)
}

// TestSaveBatchMatchesSave stores the same generated pages page by page and
// in batches: the ledgers must hold the same items, claims and dispute links.
func TestSaveBatchMatchesSave(t *testing.T) {
	ctx := context.Background()
	rs := corpusResults(7, 60)
	one, batch := open(t).(*Store), open(t).(*Store)
	defer one.Close()
	defer batch.Close()
	var want []store.SaveStats
	for _, r := range rs {
		st, err := one.Save(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, st)
	}
	var got []store.SaveStats
	for i := 0; i < len(rs); i += 25 {
		st, err := batch.SaveBatch(ctx, rs[i:min(i+25, len(rs))])
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, st...)
	}
	if !slices.Equal(got, want) {
		t.Errorf("SaveBatch stats differ from Save:\n got %v\nwant %v", got, want)
	}
	// Saving a batch again changes nothing.
	if _, err := batch.SaveBatch(ctx, rs[:10]); err != nil {
		t.Fatal(err)
	}
	for name, q := range map[string]string{
		"stats":    `SELECT json_array((SELECT count(*) FROM pages), (SELECT count(*) FROM items), (SELECT count(*) FROM claims), (SELECT count(*) FROM sightings), (SELECT count(*) FROM actors), (SELECT count(*) FROM actor_aliases))`,
		"claims":   `SELECT json_group_array(x) FROM (SELECT id || ' ' || item_id || ' ' || actor_id || ' ' || time AS x FROM claims ORDER BY id)`,
		"disputes": `SELECT json_group_array(x) FROM (SELECT claim_id || ' ' || denial_id || ' ' || cross_page || ' ' || score AS x FROM disputes ORDER BY 1)`,
	} {
		if a, b := queryText(t, one, q), queryText(t, batch, q); a != b {
			t.Errorf("%s differ:\n  Save      %.300s\n  SaveBatch %.300s", name, a, b)
		}
	}
	var disputes int
	if err := one.r.QueryRowContext(ctx, `SELECT count(*) FROM disputes`).Scan(&disputes); err != nil || disputes == 0 {
		t.Errorf("fixture has %d dispute links (err %v); the comparison needs some", disputes, err)
	}
}

// TestUpgradeFromVersion1 opens a database made by the first schema only:
// the later migrations must apply, and saves (new and repeated) must work.
func TestUpgradeFromVersion1(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		t.Fatal(err)
	}
	body, err := migrations.ReadFile("migrations/001_init.sql")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`CREATE TABLE schema_version (version INTEGER NOT NULL)`, string(body), `INSERT INTO schema_version (version) VALUES (1)`} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("open version-1 database: %v", err)
	}
	defer s.Close()
	var v int
	if err := s.r.QueryRowContext(ctx, `SELECT max(version) FROM schema_version`).Scan(&v); err != nil || v < 2 {
		t.Fatalf("schema version = %d (err %v), want >= 2", v, err)
	}
	g := corpus.New(3, benchBase)
	r := g.Page(0).Result
	for i, want := range []int{len(r.Items), 0} {
		st, err := s.Save(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		if st.NewItems != want {
			t.Errorf("save %d: new items = %d, want %d", i, st.NewItems, want)
		}
	}
}

// TestCrossLinksAreBestCandidates checks the ledger's dispute links against
// their definition, computed from scratch: each denial is linked to the
// best-ranked (store.PickDisputes) of its target's claims on other pages
// within the window, however the pages arrived. The fixture is small enough
// that most denials have no more candidates than a save loads; the others are skipped.
func TestCrossLinksAreBestCandidates(t *testing.T) {
	ctx := context.Background()
	g := corpus.New(11, benchBase)
	s := open(t).(*Store)
	defer s.Close()
	var rs []analyze.Result
	for i := range 36 {
		rs = append(rs, g.Page(i).Result)
	}
	// Reverse order within batches too: denials before and after their claims.
	for i := 0; i < len(rs); i += 12 {
		chunk := slices.Clone(rs[i:min(i+12, len(rs))])
		if i%24 == 12 {
			slices.Reverse(chunk)
		}
		if _, err := s.SaveBatch(ctx, chunk); err != nil {
			t.Fatal(err)
		}
	}
	type row struct {
		id, item, actor, stance, target string
		time                            int64
		words, cats                     []string
	}
	rows, err := s.r.QueryContext(ctx, `SELECT id, item_id, actor_id, stance, target_id, time, words, cats FROM claims`)
	if err != nil {
		t.Fatal(err)
	}
	var all []row
	for rows.Next() {
		var r row
		var w, c string
		if err := rows.Scan(&r.id, &r.item, &r.actor, &r.stance, &r.target, &r.time, &w, &c); err != nil {
			t.Fatal(err)
		}
		r.words, r.cats = strings.Fields(w), strings.Fields(c)
		all = append(all, r)
	}
	rows.Close()
	query := func(q string, args ...any) map[string]bool {
		out := map[string]bool{}
		rows, err := s.r.QueryContext(ctx, q, args...)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				t.Fatal(err)
			}
			out[k] = true
		}
		return out
	}
	checked, full, skipped := 0, 0, 0
	for _, d := range all {
		if d.stance != "deny" || d.target == "" {
			continue
		}
		actors := query(`SELECT actor_id FROM actor_aliases WHERE slug = ?`, d.target)
		actors[d.target] = true
		samePage := query(`SELECT b.item_id FROM sightings a JOIN sightings b ON a.page_id = b.page_id WHERE a.item_id = ?`, d.item)
		var cands []store.Candidate
		before, after := 0, 0
		for _, c := range all {
			dt := c.time - d.time
			if c.stance == "deny" || !actors[c.actor] || c.item == d.item || samePage[c.item] || dt > int64(store.DisputeWindow) || -dt > int64(store.DisputeWindow) {
				continue
			}
			if dt < 0 {
				before++
			} else {
				after++
			}
			cands = append(cands, store.Candidate{Claim: claim.Claim{ID: c.id}, Time: fromNanos(c.time), Words: c.words, Categories: c.cats})
		}
		if before > store.DisputeCandidates/2 || after > store.DisputeCandidates/2 {
			skipped++ // a save loads only the nearest candidates on each side
			continue
		}
		want := store.PickDisputesWords(d.words, d.cats, fromNanos(d.time), cands)
		got := query(`SELECT claim_id FROM disputes WHERE denial_id = ? AND cross_page = 1`, d.id)
		checked++
		if len(want) == store.MaxCrossDisputes {
			full++
		}
		// Equal-score candidates may stand in for each other (the earlier link stays).
		score := func(id string) int {
			for _, c := range cands {
				if c.Claim.ID == id {
					return store.ScoreWords(d.words, d.cats, c.Words, c.Categories)
				}
			}
			return -1
		}
		var gotScores, wantScores []int
		for id := range got {
			gotScores = append(gotScores, score(id))
		}
		for _, id := range want {
			wantScores = append(wantScores, score(id))
		}
		slices.Sort(gotScores)
		slices.Sort(wantScores)
		if !slices.Equal(gotScores, wantScores) {
			t.Errorf("denial %s (target %s): linked scores %v, best candidates' %v (want %v, got %v)", d.id, d.target, gotScores, wantScores, want, got)
		}
	}
	t.Logf("%d denials checked (%d with a full set of links), %d with more candidates than a save loads", checked, full, skipped)
	if checked < 10 || full == 0 {
		t.Fatalf("fixture checked %d denials, %d with a full set of links: it must check denials whose links were reranked", checked, full)
	}
}

// TestItemClaimsStoredOnce: new items keep their claims in the claims table
// only and read back with them in analysis order; an item stored before
// migration 003 (claims inside its data) still reads back from its data.
func TestItemClaimsStoredOnce(t *testing.T) {
	ctx := context.Background()
	s := open(t).(*Store)
	defer s.Close()
	r := corpus.New(5, benchBase).Page(0).Result
	if _, err := s.Save(ctx, r); err != nil {
		t.Fatal(err)
	}
	var withClaims analyze.Item
	for _, it := range r.Items {
		if len(it.Claims) > 1 {
			withClaims = it
			break
		}
	}
	if withClaims.ID == "" {
		t.Fatal("fixture page has no item with two claims")
	}
	var kind string
	if err := s.r.QueryRowContext(ctx, `SELECT json_type(data, '$.claims') FROM items WHERE id = ?`, withClaims.ID).Scan(&kind); err != nil {
		t.Fatal(err)
	}
	if kind != "null" {
		t.Errorf("stored item data has claims of JSON type %q, want null (claims live in their table)", kind)
	}
	ids := func(cs []claim.Claim) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return out
	}
	got, err := s.Item(ctx, withClaims.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := ids(withClaims.Claims); !slices.Equal(ids(got.Claims), want) {
		t.Errorf("claims read back = %v, want %v in analysis order", ids(got.Claims), want)
	}
	// An old row: the claims (here only the first) inside the data.
	old := withClaims
	old.Claims = old.Claims[:1]
	b, err := json.Marshal(old)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.ExecContext(ctx, `UPDATE items SET data = ? WHERE id = ?`, string(b), old.ID); err != nil {
		t.Fatal(err)
	}
	got, err = s.Item(ctx, old.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := ids(old.Claims); !slices.Equal(ids(got.Claims), want) {
		t.Errorf("old-format item: claims = %v, want %v from its data", ids(got.Claims), want)
	}
}

// TestTwoWriters: two Stores (as two processes would) take turns writing the
// same file. What one remembers between its saves must not hide the other's
// commits: the ledger ends as if one Store had saved every page.
func TestTwoWriters(t *testing.T) {
	ctx := context.Background()
	rs := corpusResults(13, 40)
	path := filepath.Join(t.TempDir(), "shared.db")
	a, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	one := open(t).(*Store)
	defer one.Close()
	for i, r := range rs {
		w := a
		if i%4 >= 2 {
			w = b
		}
		if _, err := w.Save(ctx, r); err != nil {
			t.Fatal(err)
		}
		if _, err := one.Save(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	q := `SELECT json_group_array(x) FROM (SELECT claim_id || ' ' || denial_id || ' ' || score AS x FROM disputes ORDER BY 1)`
	got, want := queryText(t, a, q), queryText(t, one, q)
	if got != want {
		t.Errorf("dispute links written by two stores differ from one store's:\n got %.400s\nwant %.400s", got, want)
	}
	if want == "[]" {
		t.Error("fixture has no dispute links")
	}
}
