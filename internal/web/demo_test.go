package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"wirewatch/examples"
	"wirewatch/internal/analyze"
	"wirewatch/internal/store"
	"wirewatch/internal/store/sqlite"
)

// TestDemo loads the bundled examples into a fresh store, as `serve --demo` does,
// and checks that every item and actor they produce renders.
func TestDemo(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	an, err := analyze.New()
	if err != nil {
		t.Fatal(err)
	}
	n, err := LoadDemo(ctx, st, an)
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 || n > len(examples.Names()) {
		t.Fatalf("loaded %d pages of %d", n, len(examples.Names()))
	}
	again, err := LoadDemo(ctx, st, an)
	if err != nil || again != 0 {
		t.Fatalf("second load: %d pages, %v (want 0: the store is not empty)", again, err)
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("demo: %+v", stats)
	if stats.Items < n {
		t.Errorf("%d items from %d pages", stats.Items, n)
	}

	srv, err := New(Config{Store: st})
	if err != nil {
		t.Fatal(err)
	}
	get := func(path string) int {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != http.StatusOK {
			t.Errorf("GET %s: %d %s", path, rec.Code, strings.TrimSpace(rec.Body.String()[:min(200, rec.Body.Len())]))
		}
		return rec.Code
	}
	get("/")
	get("/actors")
	get("/disputes")
	items, _, err := st.Items(ctx, store.Filter{Limit: maxLimit})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		get("/items/" + it.ID)
		for _, s := range it.Sightings {
			get("/pages/" + s.PageID)
		}
	}
	actors, err := st.Actors(ctx, store.Filter{Limit: maxLimit})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range actors {
		get("/actors/" + a.ID)
	}
	t.Logf("rendered %d items and %d actors", len(items), len(actors))
}
