package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"wirewatch/internal/corpus"
	"wirewatch/internal/export"
	"wirewatch/internal/nlp/quantity"
	"wirewatch/internal/store"
	"wirewatch/internal/store/sqlite"
)

func fixture(t *testing.T) (store.Store, int) {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	g := corpus.New(7, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	for i := range 5 {
		r := g.Page(i).Result
		// A field with a comma, quote and newline must survive CSV.
		if i == 0 {
			r.Items[0].Claims[0].Content = "a, \"quoted\"\nline"
		}
		if _, err := s.Save(context.Background(), r); err != nil {
			t.Fatal(err)
		}
	}
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s, st.Claims
}

func TestClaimsCSV(t *testing.T) {
	s, n := fixture(t)
	for _, bom := range []bool{false, true} {
		var buf bytes.Buffer
		got, err := export.Claims(&buf, export.CSV, export.Options{BOM: bom}, export.StoreClaims(context.Background(), s, store.Filter{Limit: 7}))
		if err != nil {
			t.Fatal(err)
		}
		if got != n {
			t.Errorf("wrote %d claims, want %d", got, n)
		}
		data := buf.Bytes()
		if hasBOM := bytes.HasPrefix(data, []byte("\uFEFF")); hasBOM != bom {
			t.Errorf("BOM = %v, want %v", hasBOM, bom)
		}
		if !bytes.Contains(data, []byte("\r\n")) {
			t.Error("rows not CRLF-terminated (RFC 4180)")
		}
		r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatalf("CSV does not parse: %v", err)
		}
		if len(rows) != n+1 || strings.Join(rows[0], ",") != strings.Join(export.ClaimColumns, ",") {
			t.Fatalf("%d rows, header %v", len(rows), rows[0])
		}
		col := map[string]int{}
		for i, h := range rows[0] {
			col[h] = i
		}
		found := false
		for _, row := range rows[1:] {
			if row[col["content"]] == "a, \"quoted\"\nline" {
				found = true
			}
			if row[col["item_id"]] == "" || row[col["page_sources"]] == "" || row[col["time"]] == "" {
				t.Errorf("row lacks provenance: %v", row)
			}
			if !strings.Contains(row[col["quantities"]], "(") {
				t.Errorf("quantities cell %q lacks its category", row[col["quantities"]])
			}
		}
		if !found {
			t.Error("field with comma, quote and newline did not round-trip")
		}
	}
}

func TestClaimsJSONLFiltered(t *testing.T) {
	s, _ := fixture(t)
	var buf bytes.Buffer
	n, err := export.Claims(&buf, export.JSONL, export.Options{}, export.StoreClaims(context.Background(), s, store.Filter{Stance: "deny"}))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if n == 0 || len(lines) != n {
		t.Fatalf("%d claims in %d lines", n, len(lines))
	}
	for _, l := range lines {
		var c store.ClaimRecord
		if err := json.Unmarshal([]byte(l), &c); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		if c.Stance != "deny" || c.ItemID == "" || len(c.PageSources) == 0 {
			t.Errorf("claim %s: stance %q item %q pages %v", c.ID, c.Stance, c.ItemID, c.PageSources)
		}
	}
}

func TestItemsAndActors(t *testing.T) {
	s, _ := fixture(t)
	st, _ := s.Stats(context.Background())
	var buf bytes.Buffer
	n, err := export.Items(&buf, export.CSV, export.Options{}, export.StoreItems(context.Background(), s, store.Filter{}))
	if err != nil || n != st.Items {
		t.Errorf("items: %d, %v; want %d", n, err, st.Items)
	}
	buf.Reset()
	n, err = export.Actors(&buf, export.JSONL, export.Options{}, export.StoreActors(context.Background(), s, store.Filter{}))
	if err != nil || n != st.Actors {
		t.Errorf("actors: %d, %v; want %d", n, err, st.Actors)
	}
	if _, err := export.Claims(&buf, "xml", export.Options{}, export.StoreClaims(context.Background(), s, store.Filter{})); err == nil {
		t.Error("unknown format accepted")
	}
}

func TestQuantities(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	got := export.Quantities([]quantity.Quantity{
		{Value: f(200), Category: "killed"},
		{Low: f(5000), High: f(8000), Category: "fled", Approx: true},
		{Text: "tientallen", Category: "wounded"},
	})
	want := "200 (killed); ~5000–8000 (fled); tientallen (wounded)"
	if got != want {
		t.Errorf("Quantities = %q, want %q", got, want)
	}
}
