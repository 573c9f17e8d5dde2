package page

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// line is one non-empty line of a text page with its byte range in the decoded text.
type line struct {
	s          string
	start, end int
	no         int // 1-based line number
}

// splitLines cuts text into trimmed non-empty lines in one pass.
func splitLines(text string) []line {
	var out []line
	no, start := 0, 0
	for start <= len(text) {
		no++
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		raw := text[start:end]
		s := strings.TrimLeftFunc(raw, isSpace)
		lead := len(raw) - len(s)
		s = strings.TrimRightFunc(s, isSpace)
		if s != "" {
			out = append(out, line{s: s, start: start + lead, end: start + lead + len(s), no: no})
		}
		start = end + 1
	}
	return out
}

var sectionRE = regexp.MustCompile(`^Meer (?:uit|over|nieuws uit)[ \x{00A0}]+(\p{Lu}[\p{L}\p{M} &\-]{0,40})$`)

// parseSection recognises the sidebar header "Meer uit Buitenland".
func parseSection(s string) (string, bool) {
	if len(s) > 60 {
		return "", false
	}
	m := sectionRE.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	return strings.TrimSpace(m[1]), true
}

// block collects the lines of one item while the page is read.
type block struct {
	headline    *string
	dateline    *Dateline
	age         *Age
	paras       []string
	subheadings []string
	start, end  int
	kind        string
}

// parseText segments a text page: headline, lead article, "Meer uit" header and briefs.
func parseText(text string, captured *time.Time) []Item {
	lines := splitLines(text)
	if len(lines) == 0 {
		return nil
	}
	section := ""
	sideAt := len(lines)
	for i, l := range lines {
		if s, ok := parseSection(l.s); ok {
			section, sideAt = s, i
			break
		}
	}
	var blocks []*block
	lead := lines[:sideAt]
	var side []line
	if sideAt < len(lines) {
		side = lines[sideAt+1:]
	}
	if len(lead) > 0 {
		art, rest := parseLead(lead)
		blocks = append(blocks, art)
		// Briefs without a "Meer uit" header: the first dateline line after the body.
		side = append(rest, side...)
	}
	blocks = append(blocks, parseBriefs(side)...)
	items := make([]Item, 0, len(blocks))
	for i, b := range blocks {
		it := b.item(captured)
		it.Section = section
		if b.kind == KindArticle {
			it.N = 0
		} else if len(blocks) > 0 && blocks[0].kind == KindArticle {
			it.N = i
		} else {
			it.N = i + 1
		}
		items = append(items, it)
	}
	return items
}

// parseLead reads the headline, dateline and body of the lead article. It
// returns the lines after the body that already belong to briefs.
func parseLead(lines []line) (*block, []line) {
	b := &block{kind: KindArticle, start: lines[0].start, end: lines[0].end}
	i := 0
	if _, _, ok := ParseDateline(lines[0].s); !ok && len(lines) > 1 {
		h := lines[0].s
		b.headline = &h
		i = 1
	}
	body := lines[i:]
	if len(body) > 0 {
		first := body[0].s
		if d, rest, ok := ParseDateline(first); ok {
			b.dateline = &d
			first = rest
		}
		var paras []line
		if strings.TrimSpace(first) != "" {
			l := body[0]
			l.s = strings.TrimSpace(first)
			paras = append(paras, l)
		}
		b.end = body[0].end
		j := 1
		for ; j < len(body); j++ {
			if startsBrief(body[j].s) {
				break
			}
			paras = append(paras, body[j])
			b.end = body[j].end
		}
		b.addBody(paras)
		return b, body[j:]
	}
	return b, nil
}

// startsBrief tells a line that opens a new wire item inside a body: a
// dateline, possibly after a glued age.
func startsBrief(s string) bool {
	if _, rest, ok := ParseAgePrefix(s); ok {
		s = rest
	}
	_, _, ok := ParseDateline(s)
	return ok
}

// parseBriefs reads the sidebar: each line that opens with a dateline (or
// follows a glued age) starts a brief; the age before it belongs to the brief
// before; other lines continue the current brief.
func parseBriefs(lines []line) []*block {
	var out []*block
	var cur *block
	var curParas []line
	flush := func() {
		if cur != nil {
			cur.addBody(curParas)
			out = append(out, cur)
		}
		cur, curParas = nil, nil
	}
	for _, l := range lines {
		s := l.s
		offset := 0
		if a, rest, ok := ParseAgePrefix(s); ok {
			if cur != nil && cur.age == nil {
				a := a
				cur.age = &a
			}
			if rest == "" {
				continue
			}
			offset = len(s) - len(rest)
			s = rest
			flush()
		}
		d, body, hasDL := ParseDateline(s)
		if hasDL || cur == nil {
			flush()
			cur = &block{kind: KindBrief, start: l.start + offset, end: l.end}
			if hasDL {
				cur.dateline = &d
				s = body
			}
		}
		cur.end = l.end
		if a, rest, ok := parseAgeSuffix(s); ok && cur.age == nil {
			a := a
			cur.age = &a
			s = rest
		}
		if s = strings.TrimSpace(s); s != "" {
			nl := l
			nl.s = s
			curParas = append(curParas, nl)
		}
	}
	flush()
	return out
}

// addBody sorts body lines into paragraphs and one-line subheadings.
func (b *block) addBody(lines []line) {
	for i, l := range lines {
		if i > 0 && i < len(lines)-1 && isSubheading(l.s) {
			b.subheadings = append(b.subheadings, l.s)
			continue
		}
		b.paras = append(b.paras, l.s)
	}
}

// isSubheading: a short line without closing punctuation between paragraphs.
func isSubheading(s string) bool {
	if len(s) > 120 || utf8.RuneCountInString(s) > 80 {
		return false
	}
	if n := len(strings.Fields(s)); n == 0 || n > 10 {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(first) && !unicode.IsDigit(first) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	return !strings.ContainsRune(`.!?:;,…"'”’»)`, last)
}

func (b *block) item(captured *time.Time) Item {
	it := Item{
		Kind:        b.kind,
		Headline:    b.headline,
		Dateline:    b.dateline,
		Subheadings: b.subheadings,
		Paragraphs:  b.paras,
		Text:        strings.Join(b.paras, "\n"),
		Start:       b.start,
		End:         b.end,
	}
	if it.Subheadings == nil {
		it.Subheadings = []string{}
	}
	if it.Paragraphs == nil {
		it.Paragraphs = []string{}
	}
	if b.age != nil {
		it.setAge(*b.age, captured)
	}
	it.ID = ItemID(it.Dateline, it.Text)
	return it
}

func (it *Item) setAge(a Age, captured *time.Time) {
	text, min := a.Text, a.Minutes
	it.Age, it.AgeMinutes = &text, &min
	it.PublishedAt = publishedAt(captured, a)
	if it.PublishedAt != nil {
		it.PublishedPrecision = a.Precision
	}
}
