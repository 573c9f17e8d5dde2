package eval

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// udSharedDir finds the research data: $WIREWATCH_SHARED or ../shared from the repo root.
func udSharedDir(t testing.TB) string {
	t.Helper()
	d := os.Getenv("WIREWATCH_SHARED")
	if d == "" {
		d = filepath.Join("..", "..", "..", "shared")
	}
	if _, err := os.Stat(d); err != nil {
		t.Skipf("shared data not found at %s (set WIREWATCH_SHARED): %v", d, err)
	}
	return d
}

// TestUDFloors holds the tokenizer and sentence splitter to their floors on the UD test sets.
func TestUDFloors(t *testing.T) {
	dir := filepath.Join(udSharedDir(t), "data", "ud-dutch")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("UD Dutch treebanks not found at %s: %v", dir, err)
	}
	secs, err := ScoreUD(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	floors := map[string]float64{"tokens F1": 0.99, "sentences F1": 0.95}
	tested := 0
	for _, s := range secs {
		for _, sc := range s.Scores {
			t.Logf("%s: %s %.2f%%", s.Name, sc.Name, 100*sc.Value)
		}
		if !strings.HasSuffix(s.Name, " test") {
			continue // floors hold on test; dev is for tuning
		}
		for _, sc := range s.Scores {
			if f, ok := floors[sc.Name]; ok {
				tested++
				if sc.Value < f {
					t.Errorf("%s: %s = %.2f%%, floor %.0f%%", s.Name, sc.Name, 100*sc.Value, 100*f)
				}
			}
		}
		if t.Failed() {
			for _, m := range s.Misses {
				t.Log(m)
			}
		}
	}
	if tested == 0 {
		t.Fatal("no UD test split scored")
	}
}
