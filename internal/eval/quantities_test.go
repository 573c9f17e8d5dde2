package eval

import (
	"os"
	"path/filepath"
	"testing"

	"wirewatch/internal/analyze"
	"wirewatch/internal/nlp/quantity"
)

func qptr(v float64) *float64 { return &v }

// TestQuantityMatching checks the matching rules on hand-made cases.
func TestQuantityMatching(t *testing.T) {
	tests := []struct {
		name string
		g    GoldQuantity
		p    quantity.Quantity
		want bool
	}{
		{"same value", GoldQuantity{Value: qptr(700000)}, quantity.Quantity{Value: qptr(700000)}, true},
		{"other value", GoldQuantity{Value: qptr(71)}, quantity.Quantity{Value: qptr(72)}, false},
		{"range", GoldQuantity{Low: qptr(5), High: qptr(8)}, quantity.Quantity{Low: qptr(5), High: qptr(8)}, true},
		{"range vs value", GoldQuantity{Low: qptr(5), High: qptr(8)}, quantity.Quantity{Value: qptr(5), Low: qptr(5)}, false},
		{"vague", GoldQuantity{Approx: true, Unit: "Russen"}, quantity.Quantity{Approx: true, Unit: "russen"}, true},
		{"vague other unit", GoldQuantity{Approx: true, Unit: "Russen"}, quantity.Quantity{Approx: true, Unit: "soldaten"}, false},
	}
	for _, tt := range tests {
		if got := quantityMatches(tt.g, tt.p); got != tt.want {
			t.Errorf("%s: quantityMatches = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestScoreQuantitiesCounts checks precision, recall and headline skipping on a made-up page.
func TestScoreQuantitiesCounts(t *testing.T) {
	gold := []GoldPage{{Page: "p", Quantities: []GoldQuantity{
		{Text: "12 doden", Value: qptr(12), Category: "killed", Item: 0, Zone: "body"},
		{Text: "12 doden", Value: qptr(12), Category: "killed", Item: 0, Zone: "headline"},
		{Text: "duizenden militairen", Approx: true, Unit: "militairen", Category: "soldiers", Item: 1, Zone: "body"},
	}}}
	var it0, it1 analyze.Item
	it0.N, it1.N = 0, 1
	it0.Quantities = []quantity.Quantity{{Text: "12 doden", Value: qptr(12), Category: "wounded"}, {Text: "3 auto's", Value: qptr(3), Category: "count"}}
	it1.Quantities = []quantity.Quantity{}
	sec := ScoreQuantities(gold, []analyze.Result{{Items: []analyze.Item{it0, it1}}})
	want := map[string]float64{"values precision": 0.5, "values recall": 0.5, "category accuracy": 0}
	for _, sc := range sec.Scores {
		if w, ok := want[sc.Name]; ok && sc.Value != w {
			t.Errorf("%s = %v, want %v", sc.Name, sc.Value, w)
		}
	}
}

// TestQuantityFloors runs the analyzer over the seed pages and holds the
// quantity extractor to its floors on the gold files.
func TestQuantityFloors(t *testing.T) {
	shared := udSharedDir(t)
	goldDir, pagesDir := filepath.Join(shared, "gold"), filepath.Join(shared, "seeds")
	if _, err := os.Stat(goldDir); err != nil {
		t.Skipf("no gold files at %s: %v", goldDir, err)
	}
	golds, err := LoadGold(goldDir)
	if err != nil {
		t.Fatal(err)
	}
	a, err := analyze.New()
	if err != nil {
		t.Fatal(err)
	}
	preds := make([]analyze.Result, len(golds))
	for i, g := range golds {
		path := filepath.Join(pagesDir, g.Page)
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if preds[i], err = a.Page(path, raw, nil); err != nil {
			t.Fatal(err)
		}
	}
	sec := ScoreQuantities(golds, preds)
	floors := map[string]float64{"values F1": 0.95, "category accuracy": 0.9}
	for _, sc := range sec.Scores {
		t.Logf("%s %.2f%% (n=%d)", sc.Name, 100*sc.Value, sc.N)
		if f, ok := floors[sc.Name]; ok && sc.Value < f {
			t.Errorf("%s = %.2f%%, floor %.0f%%", sc.Name, 100*sc.Value, 100*f)
		}
	}
	if t.Failed() {
		for _, m := range sec.Misses {
			t.Log(m)
		}
	}
}
