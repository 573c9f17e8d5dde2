package eval

import (
	"fmt"
	"math"
	"strings"

	"wirewatch/internal/analyze"
	"wirewatch/internal/nlp/quantity"
)

// ScoreQuantities scores the extracted quantities of each item against the gold
// page-level quantities of the same item (gold "item" = Item.N).
//
// Gold quantities in zone "headline" are skipped: the analyzer runs on the item
// Text, which excludes the headline, so they cannot be predicted there.
//
// A prediction matches a gold quantity of the same item when their values are
// equal; value-less ones match on low/high (ranges), and vague plurals
// (no value, low or high) on approx and unit. Each gold and each predicted
// quantity is matched at most once. Category, unit and text accuracy are
// measured on the matched pairs.
func ScoreQuantities(gold []GoldPage, pred []analyze.Result) Section {
	sec := Section{Name: "quantities"}
	var c prf
	var catOK, unitOK, textOK int
	for i, g := range gold {
		items := map[int][]quantity.Quantity{}
		if i < len(pred) {
			for _, it := range pred[i].Items {
				items[it.N] = append(items[it.N], it.Quantities...)
			}
		}
		goldBy := map[int][]GoldQuantity{}
		for _, q := range g.Quantities {
			if q.Zone == "headline" {
				continue
			}
			goldBy[q.Item] = append(goldBy[q.Item], q)
		}
		for n := range unionKeys(items, goldBy) {
			ps, gs := items[n], goldBy[n]
			c.Pred += len(ps)
			c.Gold += len(gs)
			used := make([]bool, len(ps))
			for _, gq := range gs {
				j := -1
				for k, p := range ps {
					if !used[k] && quantityMatches(gq, p) {
						j = k
						break
					}
				}
				if j < 0 {
					sec.Misses = append(sec.Misses, fmt.Sprintf("%s item %d: missed %q (%s)", g.Page, n, gq.Text, gq.Category))
					continue
				}
				used[j] = true
				c.TP++
				p := ps[j]
				if p.Category == gq.Category {
					catOK++
				} else {
					sec.Misses = append(sec.Misses, fmt.Sprintf("%s item %d: %q category %s, gold %s", g.Page, n, p.Text, p.Category, gq.Category))
				}
				if strings.EqualFold(p.Unit, gq.Unit) {
					unitOK++
				}
				if p.Text == gq.Text {
					textOK++
				}
			}
			for k, p := range ps {
				if !used[k] {
					sec.Misses = append(sec.Misses, fmt.Sprintf("%s item %d: spurious %q (%s)", g.Page, n, p.Text, p.Category))
				}
			}
		}
	}
	sec.Scores = append(sec.Scores, c.scores("values")...)
	frac := func(a int) float64 {
		if c.TP == 0 {
			return 0
		}
		return float64(a) / float64(c.TP)
	}
	sec.Scores = append(sec.Scores,
		Score{Name: "category accuracy", Value: frac(catOK), N: c.TP},
		Score{Name: "unit accuracy", Value: frac(unitOK), N: c.TP},
		Score{Name: "text exact", Value: frac(textOK), N: c.TP},
	)
	return sec
}

func unionKeys[A, B any](a map[int]A, b map[int]B) map[int]struct{} {
	out := make(map[int]struct{}, len(a)+len(b))
	for k := range a {
		out[k] = struct{}{}
	}
	for k := range b {
		out[k] = struct{}{}
	}
	return out
}

// quantityMatches reports whether a prediction has the gold quantity's value.
func quantityMatches(g GoldQuantity, p quantity.Quantity) bool {
	switch {
	case g.Value != nil:
		return p.Value != nil && sameNumber(*g.Value, *p.Value)
	case g.Low != nil || g.High != nil:
		return p.Value == nil && sameOpt(g.Low, p.Low) && sameOpt(g.High, p.High)
	default:
		return p.Value == nil && p.Low == nil && p.High == nil && p.Approx == g.Approx && strings.EqualFold(p.Unit, g.Unit)
	}
}

func sameOpt(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return sameNumber(*a, *b)
}

func sameNumber(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(a))
}
