package eval

import (
	"fmt"
	"sort"

	"wirewatch/internal/analyze"
)

// entityKey is one entity mention as the gold files record it: item, text, type.
type entityKey struct {
	Item       int
	Text, Type string
}

// ScoreEntities compares the entities found in each item's text with the gold
// page-level entities of zone "body": a predicted entity matches a gold one with
// the same text and type in the same item (multisets, so a name said twice
// counts twice). Reports precision, recall and F1 overall and per type.
func ScoreEntities(gold []GoldPage, pred []analyze.Result) Section {
	sec := Section{Name: "entities (gold pages, body)"}
	type counts struct{ tp, fp, fn int }
	all := counts{}
	byType := map[string]*counts{}
	typ := func(t string) *counts {
		if byType[t] == nil {
			byType[t] = &counts{}
		}
		return byType[t]
	}
	for i, g := range gold {
		want := map[entityKey]int{}
		for _, e := range g.Entities {
			if e.Zone == "body" {
				want[entityKey{e.Item, e.Text, e.Type}]++
			}
		}
		got := map[entityKey]int{}
		if i < len(pred) {
			for _, it := range pred[i].Items {
				for _, e := range it.Entities {
					got[entityKey{it.N, e.Text, e.Type}]++
				}
			}
		}
		keys := make([]entityKey, 0, len(want)+len(got))
		for k := range want {
			keys = append(keys, k)
		}
		for k := range got {
			if _, ok := want[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Slice(keys, func(a, b int) bool {
			if keys[a].Item != keys[b].Item {
				return keys[a].Item < keys[b].Item
			}
			if keys[a].Text != keys[b].Text {
				return keys[a].Text < keys[b].Text
			}
			return keys[a].Type < keys[b].Type
		})
		for _, k := range keys {
			w, p := want[k], got[k]
			tp := min(w, p)
			c := typ(k.Type)
			c.tp += tp
			c.fp += p - tp
			c.fn += w - tp
			all.tp += tp
			all.fp += p - tp
			all.fn += w - tp
			if len(sec.Misses) < 20 {
				if w > tp {
					sec.Misses = append(sec.Misses, fmt.Sprintf("%s item %d: missed %s %q", g.Page, k.Item, k.Type, k.Text))
				}
				if p > tp {
					sec.Misses = append(sec.Misses, fmt.Sprintf("%s item %d: spurious %s %q", g.Page, k.Item, k.Type, k.Text))
				}
			}
		}
	}
	prf := func(c counts) (float64, float64, float64) {
		p, r := entityFrac(c.tp, c.tp+c.fp), entityFrac(c.tp, c.tp+c.fn)
		f := 0.0
		if p+r > 0 {
			f = 2 * p * r / (p + r)
		}
		return p, r, f
	}
	if all.tp+all.fp+all.fn == 0 {
		return sec
	}
	p, r, f := prf(all)
	sec.Scores = append(sec.Scores,
		Score{Name: "entity precision", Value: p, N: all.tp + all.fp},
		Score{Name: "entity recall", Value: r, N: all.tp + all.fn},
		Score{Name: "entity F1", Value: f, N: all.tp + all.fn},
	)
	types := make([]string, 0, len(byType))
	for t := range byType {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		c := *byType[t]
		_, _, f := prf(c)
		sec.Scores = append(sec.Scores, Score{Name: t + " F1", Value: f, N: c.tp + c.fn})
	}
	return sec
}

func entityFrac(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
