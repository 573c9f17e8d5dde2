package web

import (
	"html"
	"html/template"
	"sort"
	"strings"
	"unicode/utf8"

	"wirewatch/internal/analyze"
	"wirewatch/internal/claim"
)

// Mark kinds in an item's text. Each gets its own element and style (not only a
// colour), so the marks stay distinguishable for colour-blind readers and
// screen readers.
const (
	markSpeaker = 1 << iota
	markCue
	markNum
	markPlace
)

// seg is a run of item text with the same marks. Text is escaped by the template.
type seg struct {
	Text    string
	Speaker bool
	Cue     bool
	Num     bool
	Place   bool
}

// run is a stretch of a paragraph inside one claim sentence, or outside any.
type run struct {
	Claim *claimView
	Segs  []seg
}

// para is one paragraph of the item text.
type para struct{ Runs []run }

// claimView is a claim as the item page shows it.
type claimView struct {
	claim.Claim
	N          int  // 1-based number shown in the text and the list
	Marked     bool // the sentence is marked in the text (not a headline or overlapping claim)
	ActorID    string
	DisputedBy []disputeLink
	DisputesOf []disputeLink
}

// disputeLink points at the other side of a dispute.
type disputeLink struct {
	ClaimID string
	ItemID  string
	Speaker string
	Content string
}

// layoutText splits text into paragraphs with claim sentences, speakers, cues,
// numbers and places marked. Offsets that fall outside the text or inside a
// UTF-8 sequence are ignored rather than trusted.
func layoutText(it analyze.Item, claims []*claimView) []para {
	text := it.Text
	n := len(text)
	valid := func(s, e int) bool {
		return s >= 0 && e <= n && s < e && runeStart(text, s) && runeStart(text, e)
	}
	marks := make([]uint8, n)
	owner := make([]int, n) // index+1 into claims; 0 = none
	setMark := func(s, e int, m uint8) {
		if valid(s, e) {
			for i := s; i < e; i++ {
				marks[i] |= m
			}
		}
	}
	for _, q := range it.Quantities {
		setMark(q.Start, q.End, markNum)
	}
	for _, e := range it.Entities {
		if e.Type == "LOC" {
			setMark(e.Start, e.End, markPlace)
		}
	}
	for ci, c := range claims {
		if !valid(c.Start, c.End) {
			continue
		}
		overlap := false
		for i := c.Start; i < c.End; i++ {
			if owner[i] != 0 {
				overlap = true
				break
			}
		}
		if overlap {
			continue // two claims on one sentence: the first one owns the mark
		}
		for i := c.Start; i < c.End; i++ {
			owner[i] = ci + 1
		}
		c.Marked = true
		sent := text[c.Start:c.End]
		if c.Speaker != "" {
			if k := strings.Index(sent, c.Speaker); k >= 0 {
				setMark(c.Start+k, c.Start+k+len(c.Speaker), markSpeaker)
			}
		}
		if len(c.Cue) > 1 {
			if k := wordIndex(sent, c.Cue); k >= 0 {
				setMark(c.Start+k, c.Start+k+len(c.Cue), markCue)
			}
		}
		for _, p := range c.Places {
			if k := wordIndex(sent, p); k >= 0 {
				setMark(c.Start+k, c.Start+k+len(p), markPlace)
			}
		}
	}

	var paras []para
	cur := para{}
	flush := func() {
		paras = append(paras, cur)
		cur = para{}
	}
	add := func(s, e int) {
		if s >= e {
			return
		}
		var cv *claimView
		if o := owner[s]; o != 0 {
			cv = claims[o-1]
		}
		m := marks[s]
		sg := seg{Text: text[s:e], Speaker: m&markSpeaker != 0, Cue: m&markCue != 0, Num: m&markNum != 0, Place: m&markPlace != 0}
		if k := len(cur.Runs); k > 0 && cur.Runs[k-1].Claim == cv {
			cur.Runs[k-1].Segs = append(cur.Runs[k-1].Segs, sg)
			return
		}
		cur.Runs = append(cur.Runs, run{Claim: cv, Segs: []seg{sg}})
	}
	start := 0
	for i := 0; i <= n; i++ {
		if i == n {
			add(start, i)
			flush()
			break
		}
		if text[i] == '\n' {
			add(start, i)
			flush()
			start = i + 1
			continue
		}
		if i > start && (marks[i] != marks[i-1] || owner[i] != owner[i-1]) {
			add(start, i)
			start = i
		}
	}
	return paras
}

func runeStart(s string, i int) bool { return i == len(s) || utf8.RuneStart(s[i]) }

// wordIndex finds w in s at word boundaries (case-sensitive), or -1.
func wordIndex(s, w string) int {
	if w == "" {
		return -1
	}
	from := 0
	for {
		k := strings.Index(s[from:], w)
		if k < 0 {
			return -1
		}
		k += from
		before := k == 0 || !isWordByte(s[k-1])
		after := k+len(w) == len(s) || !isWordByte(s[k+len(w)])
		if before && after {
			return k
		}
		from = k + 1
	}
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80
}

// safeSnippet returns the store's snippet as HTML only after checking that it is
// escaped text with nothing but balanced <mark> and </mark> tags; anything else
// is shown escaped, marks and all, so a store bug cannot inject markup.
func safeSnippet(s string) template.HTML {
	if snippetOK(s) {
		return template.HTML(s) //nolint:gosec // verified: escaped text + <mark>
	}
	plain := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s)
	return template.HTML(html.EscapeString(html.UnescapeString(plain)))
}

func snippetOK(s string) bool {
	open := false
	for len(s) > 0 {
		switch {
		case strings.HasPrefix(s, "<mark>"):
			if open {
				return false
			}
			open, s = true, s[len("<mark>"):]
		case strings.HasPrefix(s, "</mark>"):
			if !open {
				return false
			}
			open, s = false, s[len("</mark>"):]
		case s[0] == '<' || s[0] == '>' || s[0] == '"' || s[0] == '\'':
			return false
		case s[0] == '&':
			ent, ok := entityAt(s)
			if !ok {
				return false
			}
			s = s[len(ent):]
		default:
			s = s[1:]
		}
	}
	return !open
}

// entityAt accepts the entities an HTML escaper produces.
func entityAt(s string) (string, bool) {
	for _, e := range []string{"&amp;", "&lt;", "&gt;", "&quot;", "&#34;", "&#39;", "&apos;"} {
		if strings.HasPrefix(s, e) {
			return e, true
		}
	}
	return "", false
}

// facet is one value of a facet with its count, linking to the narrowed view.
type facet struct {
	Value string
	Label string
	Count int
	URL   string
	On    bool
}

// facetGroup is the facets of one filter parameter.
type facetGroup struct {
	Param  string
	Title  string
	Values []facet
}

// topFacets sorts counts by frequency (then name) and keeps the first max.
func topFacets(counts map[string]int, labels map[string]string, max int) []facet {
	out := make([]facet, 0, len(counts))
	for v, c := range counts {
		l := labels[v]
		if l == "" {
			l = v
		}
		out = append(out, facet{Value: v, Label: l, Count: c})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Label < out[j].Label
	})
	if len(out) > max {
		out = out[:max]
	}
	return out
}
