package eval

import (
	"context"
	"path/filepath"
	"testing"

	"wirewatch/internal/analyze"
)

// heldOutDir holds pages written for the project (fictional events, own sentences)
// with hand-made gold files; unlike ../shared it ships with the repository.
var heldOutDir = filepath.Join("..", "..", "testdata", "heldout")

// TestHeldOut scores the whole pipeline on the held-out pages and fails when a
// figure drops below its floor. The floors sit a little under the figures reached
// when they were set, so a rule change that generalises worse fails CI.
func TestHeldOut(t *testing.T) {
	a, err := analyze.New()
	if err != nil {
		t.Fatalf("analyzer: %v", err)
	}
	rep, err := Run(context.Background(), Options{GoldDir: heldOutDir, PagesDir: heldOutDir, Analyzer: a})
	if err != nil {
		t.Fatalf("run held-out eval: %v", err)
	}
	secs := map[string]Section{}
	for _, s := range rep.Sections {
		secs[s.Name] = s
	}
	floors := []struct {
		section, score string
		min            float64
		minN           int // guards against gold files silently going missing
	}{
		{"segmentation", "item count (pages)", 1, 10},
		{"segmentation", "kind", 1, 75},
		{"segmentation", "headline", 1, 75},
		{"segmentation", "dateline places", 1, 75},
		{"segmentation", "dateline agencies", 1, 75},
		{"segmentation", "age", 1, 75},
		{"segmentation", "age_minutes", 1, 75},
		{"segmentation", "first_words", 1, 75},
		{"claims", "claim precision", 0.96, 185},
		{"claims", "claim recall", 0.96, 185},
		{"claims", "claim F1", 0.97, 185},
		{"claims", "speaker accuracy (matched)", 0.97, 180},
		{"claims", "mode accuracy (matched)", 0.97, 180},
		{"claims", "stance accuracy (matched)", 0.97, 180},
		{"claims", "dispute-link recall", 0.75, 18},
		{"claims", "dispute-link precision", 0.65, 18},
		{"quantities", "values F1", 0.97, 85},
		{"quantities", "category accuracy", 0.88, 85},
	}
	for _, f := range floors {
		sec, ok := secs[f.section]
		if !ok {
			t.Errorf("no section %q in the report", f.section)
			continue
		}
		sc := scoreByName(t, sec, f.score)
		t.Logf("%-12s %-28s %6.2f%% (n=%d, floor %.0f%%)", f.section, f.score, 100*sc.Value, sc.N, 100*f.min)
		if sc.N < f.minN {
			t.Errorf("%s / %s measured on %d cases, want at least %d", f.section, f.score, sc.N, f.minN)
		}
		if sc.Value < f.min {
			t.Errorf("%s / %s = %.4f, below the floor %.2f", f.section, f.score, sc.Value, f.min)
		}
	}
	if t.Failed() {
		for _, name := range []string{"claims", "quantities", "segmentation"} {
			for _, m := range secs[name].Misses {
				t.Log(m)
			}
		}
	}
}
