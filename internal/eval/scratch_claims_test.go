//go:build scratch

package eval

import (
	"os"
	"path/filepath"
	"testing"

	"wirewatch/internal/analyze"
	"wirewatch/internal/claim"
	"wirewatch/internal/nlp"
	"wirewatch/internal/nlp/quantity"
	"wirewatch/internal/page"
)

func TestScratchClaimsNoNER(t *testing.T) {
	dir := "/work/shared"
	golds, err := LoadGold(filepath.Join(dir, "gold"))
	if err != nil {
		t.Skip(err)
	}
	ex, _ := claim.NewExtractor()
	preds := make([]analyze.Result, len(golds))
	for i, g := range golds {
		path := filepath.Join(dir, "seeds", g.Page)
		raw, _ := os.ReadFile(path)
		p, items, err := page.Parse(path, raw, nil)
		if err != nil {
			t.Fatal(err)
		}
		res := analyze.Result{Page: p}
		all := make([][]claim.Claim, len(items))
		for k, it := range items {
			sents := nlp.Sentences(it.Text)
			h := ""
			if it.Headline != nil {
				h = *it.Headline
			}
			qs := quantity.Extract(it.Text, sents)
			all[k] = ex.Extract(claim.Input{ItemID: it.ID, Headline: h, Text: it.Text, Sentences: sents, Quantities: qs})
			res.Items = append(res.Items, analyze.Item{Item: it})
		}
		ex.LinkDisputes(all)
		for k := range res.Items {
			res.Items[k].Claims = all[k]
		}
		preds[i] = res
	}
	sec := ScoreClaims(golds, preds)
	for _, s := range sec.Scores {
		t.Logf("%-28s %6.2f%% (n=%d)", s.Name, 100*s.Value, s.N)
	}
	for _, m := range sec.Misses {
		t.Logf("  %s", m)
	}
}
