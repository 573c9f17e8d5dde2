package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"testing"

	"wirewatch/internal/analyze"
	"wirewatch/internal/corpus"
	"wirewatch/internal/store"
	"wirewatch/internal/store/storetest"
)

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
	g := corpus.New(7, benchBase)
	var rs []analyze.Result
	for i := range 60 {
		rs = append(rs, g.Page(i).Result)
	}
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
		var a, b string
		if err := one.r.QueryRowContext(ctx, q).Scan(&a); err != nil {
			t.Fatal(err)
		}
		if err := batch.r.QueryRowContext(ctx, q).Scan(&b); err != nil {
			t.Fatal(err)
		}
		if a != b {
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
