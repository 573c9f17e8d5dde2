package analyze_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"wirewatch/examples"
	"wirewatch/internal/analyze"
)

func loadExamples(t testing.TB) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, n := range examples.Names() {
		b, err := examples.Read(n)
		if err != nil {
			t.Fatalf("read %s: %v", n, err)
		}
		out[n] = b
	}
	if len(out) == 0 {
		t.Fatal("no example pages embedded")
	}
	return out
}

// Every example page must come through the whole pipeline with items, sane
// offsets, and claims that point into their item.
func TestExamplesAnalyse(t *testing.T) {
	a, err := analyze.New()
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC)
	totalClaims := 0
	for name, raw := range loadExamples(t) {
		res, err := a.Page(name, raw, &at)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(res.Items) == 0 {
			t.Errorf("%s: no items", name)
		}
		for _, it := range res.Items {
			for _, c := range it.Claims {
				totalClaims++
				if c.Start == -1 {
					continue // headline claim
				}
				if c.Start < 0 || c.End > len(it.Text) || c.Start > c.End {
					t.Errorf("%s item %d: claim offsets %d..%d outside text of %d bytes", name, it.N, c.Start, c.End, len(it.Text))
					continue
				}
				if !strings.Contains(it.Text[c.Start:c.End], strings.TrimSpace(c.Sentence)) && !strings.Contains(c.Sentence, it.Text[c.Start:c.End]) {
					t.Errorf("%s item %d: claim sentence %q does not match its offsets (%q)", name, it.N, c.Sentence, it.Text[c.Start:c.End])
				}
				if c.Speaker == "" || c.Actor.Name == "" {
					t.Errorf("%s item %d: claim without speaker or actor: %+v", name, it.N, c)
				}
			}
			for _, q := range it.Quantities {
				if q.Start < 0 || q.End > len(it.Text) || it.Text[q.Start:q.End] != q.Text {
					t.Errorf("%s item %d: quantity %q offsets %d..%d do not match text", name, it.N, q.Text, q.Start, q.End)
				}
			}
			for _, e := range it.Entities {
				if e.Start < 0 || e.End > len(it.Text) || it.Text[e.Start:e.End] != e.Text {
					t.Errorf("%s item %d: entity %q offsets %d..%d do not match text", name, it.N, e.Text, e.Start, e.End)
				}
			}
		}
	}
	if totalClaims < 10 {
		t.Errorf("only %d claims over all example pages; the examples are full of attributed statements", totalClaims)
	}
}

// Analysis must be deterministic: the same page gives the same JSON ids.
func TestDeterministicIDs(t *testing.T) {
	a, err := analyze.New()
	if err != nil {
		t.Fatal(err)
	}
	for name, raw := range loadExamples(t) {
		r1, _ := a.Page(name, raw, nil)
		r2, _ := a.Page(name, raw, nil)
		if len(r1.Items) != len(r2.Items) {
			t.Fatalf("%s: item count differs between runs", name)
		}
		for i := range r1.Items {
			if r1.Items[i].ID != r2.Items[i].ID || len(r1.Items[i].Claims) != len(r2.Items[i].Claims) {
				t.Errorf("%s item %d: not deterministic", name, i)
				continue
			}
			for j := range r1.Items[i].Claims {
				if r1.Items[i].Claims[j].ID != r2.Items[i].Claims[j].ID {
					t.Errorf("%s item %d claim %d: id not stable", name, i, j)
				}
			}
		}
	}
}

// BenchmarkAnalyze runs parse + NLP + claims over the seed-sized example text
// pages, every item analysed afresh (no cache).
func BenchmarkAnalyze(b *testing.B) {
	a, err := analyze.New()
	if err != nil {
		b.Fatal(err)
	}
	a = a.WithoutCache()
	pages := loadExamples(b)
	var names []string
	var size int64
	for n, raw := range pages {
		if strings.HasSuffix(n, ".txt") {
			names = append(names, n)
			size += int64(len(raw))
		}
	}
	b.SetBytes(size / int64(len(names)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n := names[i%len(names)]
		if _, err := a.Page(n, pages[n], nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// A page analysed again (its items now come from the cache) must give the
// same result as a fresh analyser, even after the caller changed the first result.
func TestCachedAnalysisMatchesFresh(t *testing.T) {
	at := time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC)
	warm, err := analyze.New()
	if err != nil {
		t.Fatal(err)
	}
	for name, raw := range loadExamples(t) {
		first, err := warm.Page(name, raw, &at)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want, err := json.Marshal(first)
		if err != nil {
			t.Fatal(err)
		}
		// Runs 2 and 3 come from the cache; each result is changed the way a
		// careless caller might before the next run.
		prev := first
		for run := 2; run <= 3; run++ {
			scribble(&prev)
			again, err := warm.Page(name, raw, &at)
			if err != nil {
				t.Fatalf("%s run %d: %v", name, run, err)
			}
			got, err := json.Marshal(again)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(want) {
				t.Errorf("%s: run %d differs from the first:\n got %s\nwant %s", name, run, got, want)
			}
			prev = again
		}
	}
}

func scribble(r *analyze.Result) {
	for i := range r.Items {
		for j := range r.Items[i].Claims {
			c := &r.Items[i].Claims[j]
			c.Disputes = append(c.Disputes[:0], "changed")
			if len(c.Quantities) > 0 {
				c.Quantities[0].Text = "changed"
			}
			c.Places = append(c.Places[:0], "ELDERS")
		}
		if len(r.Items[i].Entities) > 0 {
			r.Items[i].Entities[0].Text = "changed"
		}
		if len(r.Items[i].Quantities) > 0 {
			r.Items[i].Quantities[0].Text = "changed"
		}
	}
}
