package eval

import (
	"fmt"
	"strings"

	"wirewatch/internal/analyze"
	"wirewatch/internal/page"
)

// segMaxMisses bounds the error examples kept per field, so a broken parser
// does not flood the report.
const segMaxMisses = 12

// ScoreSegmentation scores how pages were cut into items: per page whether the
// item count is right, and per gold item whether kind, headline, dateline
// places and agencies, age, age in minutes and first words match the predicted
// item with the same n. A gold item with no predicted one counts as wrong on
// every field.
func ScoreSegmentation(gold []GoldPage, pred []analyze.Result) Section {
	sec := Section{Name: "segmentation"}
	type field struct {
		name string
		ok   func(g GoldItem, p *analyze.Item) (bool, string, string)
	}
	fields := []field{
		{"kind", func(g GoldItem, p *analyze.Item) (bool, string, string) {
			return g.Kind == p.Kind, g.Kind, p.Kind
		}},
		{"headline", func(g GoldItem, p *analyze.Item) (bool, string, string) {
			return segEqPtr(g.Headline, p.Headline), segShow(g.Headline), segShow(p.Headline)
		}},
		{"dateline places", func(g GoldItem, p *analyze.Item) (bool, string, string) {
			gp, pp := segDateline(g.Dateline, p.Dateline, true)
			return gp == pp, gp, pp
		}},
		{"dateline agencies", func(g GoldItem, p *analyze.Item) (bool, string, string) {
			ga, pa := segDateline(g.Dateline, p.Dateline, false)
			return ga == pa, ga, pa
		}},
		{"age", func(g GoldItem, p *analyze.Item) (bool, string, string) {
			return segEqPtr(g.Age, p.Age), segShow(g.Age), segShow(p.Age)
		}},
		{"age_minutes", func(g GoldItem, p *analyze.Item) (bool, string, string) {
			return segEqPtr(g.AgeMinutes, p.AgeMinutes), segShow(g.AgeMinutes), segShow(p.AgeMinutes)
		}},
		{"first_words", func(g GoldItem, p *analyze.Item) (bool, string, string) {
			fw := segFirstWords(p.Text, 5)
			return g.FirstWords == fw, fmt.Sprintf("%q", g.FirstWords), fmt.Sprintf("%q", fw)
		}},
	}
	right := make([]int, len(fields))
	total := 0
	pagesRight, pages := 0, 0
	var misses []string
	miss := func(s string) {
		if len(misses) < segMaxMisses*len(fields) {
			misses = append(misses, s)
		}
	}
	for i, g := range gold {
		pages++
		var p analyze.Result
		if i < len(pred) {
			p = pred[i]
		}
		byN := make(map[int]*analyze.Item, len(p.Items))
		for k := range p.Items {
			if _, dup := byN[p.Items[k].N]; !dup {
				byN[p.Items[k].N] = &p.Items[k]
			}
		}
		if len(p.Items) == len(g.Items) {
			pagesRight++
		} else {
			why := ""
			if p.Error != "" {
				why = " (" + p.Error + ")"
			}
			miss(fmt.Sprintf("%s: %d items, want %d%s", g.Page, len(p.Items), len(g.Items), why))
		}
		for _, gi := range g.Items {
			total++
			pi := byN[gi.N]
			if pi == nil {
				miss(fmt.Sprintf("%s item %d: missing", g.Page, gi.N))
				continue
			}
			for f, fd := range fields {
				ok, want, got := fd.ok(gi, pi)
				if ok {
					right[f]++
					continue
				}
				miss(fmt.Sprintf("%s item %d %s: got %s, want %s", g.Page, gi.N, fd.name, got, want))
			}
		}
	}
	sec.Scores = append(sec.Scores, Score{Name: "item count (pages)", Value: segFrac(pagesRight, pages), N: pages})
	for f, fd := range fields {
		sec.Scores = append(sec.Scores, Score{Name: fd.name, Value: segFrac(right[f], total), N: total})
	}
	sec.Misses = misses
	return sec
}

// segFirstWords is the first n whitespace tokens of text joined by one space, as
// the gold files' first_words.
func segFirstWords(text string, n int) string {
	f := strings.Fields(text)
	if len(f) > n {
		f = f[:n]
	}
	return strings.Join(f, " ")
}

func segFrac(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func segEqPtr[T comparable](a, b *T) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func segShow[T any](p *T) string {
	if p == nil {
		return "null"
	}
	return fmt.Sprintf("%q", fmt.Sprint(*p))
}

// segDateline renders places (or agencies) of both datelines for comparison.
func segDateline(g *GoldDateline, p *page.Dateline, places bool) (string, string) {
	show := func(xs []string, nilDL bool) string {
		if nilDL {
			return "null"
		}
		return "[" + strings.Join(xs, "/") + "]"
	}
	var gx, px []string
	if g != nil {
		gx = g.Agencies
		if places {
			gx = g.Places
		}
	}
	if p != nil {
		px = p.Agencies
		if places {
			px = p.Places
		}
	}
	return show(gx, g == nil), show(px, p == nil)
}
