package claim

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"wirewatch/internal/nlp"
	"wirewatch/internal/nlp/quantity"
)

// Extractor finds claims. It holds the actor alias table and is safe for
// concurrent use (it is never written after construction).
type Extractor struct {
	tbl *ActorTable
}

// NewExtractor returns an extractor with the shipped actor table.
func NewExtractor() (*Extractor, error) {
	t := newActorTable()
	if err := t.read(strings.NewReader(shippedActors), "actors.tsv"); err != nil {
		return nil, fmt.Errorf("shipped actor table: %w", err)
	}
	return &Extractor{tbl: t}, nil
}

// NewExtractorWithActors returns an extractor with the shipped actor table
// extended by the rows read from r (same format as actors.tsv).
func NewExtractorWithActors(r io.Reader) (*Extractor, error) {
	e, err := NewExtractor()
	if err != nil {
		return nil, err
	}
	if err := e.tbl.read(r, "user actor file"); err != nil {
		return nil, err
	}
	return e, nil
}

// NewExtractorWithTable returns an extractor using t (see LoadActors).
func NewExtractorWithTable(t *ActorTable) *Extractor { return &Extractor{tbl: t} }

// found is a claim being built.
type found struct {
	si         int // sentence index; -1 for the headline
	start, end int // sentence span in the text; -1 for the headline
	ts         []tok
	text       string // text the tokens point into (item text or headline)
	p          np
	pron       bool
	cue        string
	mode       string
	stance     string
	content    string
	cont       bool   // continues the previous claim's speaker
	datForm    bool   // "A. Dat zegt X."
	targetNP   *np    // explicit target of a denial ("de uitspraken van X")
	targetRef  *found // the report a denial rejects, found in the same sentence
	speaker    string
	actor      Actor
	claim      *Claim
	denyTarget string
	para       int
	prevDeny   *found
	src        *found // the claim whose speaker this quotation sentence has
}

// Extract finds the claims of one item.
func (e *Extractor) Extract(in Input) []Claim {
	sents := e.sentences(in)
	ctx := &itemCtx{text: in.Text, ents: in.Entities}
	e.collectMentions(ctx, in.Text, sents)
	// Single-word person names the tagger found ("Navalny") also count as antecedents.
	for _, en := range in.Entities {
		if en.Type == "PER" && en.Start >= 0 && en.End <= len(in.Text) && !strings.Contains(en.Text, " ") {
			if _, known := e.tbl.actors[strings.ToLower(en.Text)]; !known {
				if _, dup := ctx.bySurname(strings.ToLower(en.Text)); !dup {
					ctx.mentions = append(ctx.mentions, mention{actor: Actor{Name: en.Text, Type: "person"}, pos: en.Start})
				}
			}
		}
	}
	var fs []*found
	if in.Headline != "" {
		fs = append(fs, e.headlineClaims(in.Headline)...)
	}
	lastSent := -2 // sentence of the latest claim
	for si := range sents {
		got := e.sentenceClaims(in.Text, sents, si)
		if len(got) == 0 && lastSent == si-1 && si > 0 && len(fs) > 0 {
			if c := e.continuation(in.Text, sents, si, fs[len(fs)-1]); c != nil {
				got = append(got, c)
			}
		}
		if len(got) == 0 {
			continue
		}
		// "A. Dat zegt X." takes over a claim already found in A.
		for _, g := range got {
			if g.datForm && si > 0 {
				for k := len(fs) - 1; k >= 0 && fs[k].si == si-1; k-- {
					g.cue = fs[k].cue
					fs = append(fs[:k], fs[k+1:]...)
				}
			}
		}
		fs = append(fs, got...)
		lastSent = si
	}
	if len(fs) == 0 {
		return []Claim{}
	}
	fs = e.backfillQuotes(in.Text, sents, fs)
	e.resolveSpeakers(ctx, fs, in)
	e.stances(fs)
	out := make([]Claim, 0, len(fs))
	for _, f := range fs {
		out = append(out, e.build(in, f))
	}
	for i, f := range fs {
		f.claim = &out[i]
	}
	e.linkLocal(fs)
	return out
}

// backfillQuotes gives the sentences of a multi-sentence quotation the speaker
// named after its end: "A. B. C", zei X. makes A, B and C claims of X.
func (e *Extractor) backfillQuotes(text string, sents []sent, fs []*found) []*found {
	added := false
	for _, f := range fs {
		if f.si <= 0 || f.mode != "direct" || f.cont || f.src != nil || !sents[f.si].inQuote {
			continue
		}
		o := f.si
		for o > 0 && sents[o].inQuote && sents[o-1].para == sents[f.si].para {
			o--
		}
		if sents[o].inQuote || len(sents[o].toks) == 0 || !(sents[o].toks[0].kind == 'q' && sents[o].toks[0].open) {
			o++ // the quote opened inside a sentence with its own attribution
		}
		for x := o; x < f.si; x++ {
			has := false
			for _, g := range fs {
				if g.si == x {
					has = true
					if g.cont {
						g.src = f
					}
				}
			}
			if !has {
				s := &sents[x]
				fs = append(fs, &found{si: x, start: s.start, end: s.end, ts: s.toks, text: text, cont: true,
					src: f, mode: "direct", stance: "assert", para: s.para, content: trimQuotes(text[s.start:s.end])})
				added = true
			}
		}
	}
	if added {
		sort.SliceStable(fs, func(a, b int) bool { return fs[a].si < fs[b].si })
	}
	return fs
}

// sentences tokenizes the item's sentences and marks paragraphs and quotations.
func (e *Extractor) sentences(in Input) []sent {
	ss := in.Sentences
	if len(ss) == 0 && strings.TrimSpace(in.Text) != "" {
		ss = nlp.Sentences(in.Text)
	}
	out := make([]sent, 0, len(ss))
	para := 0
	prevEnd := 0
	inQuote := false
	buf := make([]tok, 0, 16*len(ss)+8)
	for _, s := range ss {
		if s.Start < prevEnd || s.End > len(in.Text) || s.Start >= s.End {
			continue // invalid or overlapping span
		}
		if strings.IndexByte(in.Text[prevEnd:s.Start], '\n') >= 0 {
			para++
			inQuote = false
		}
		startQ := inQuote
		from := len(buf)
		buf, inQuote = tokenize(in.Text, s.Start, s.End, inQuote, buf)
		out = append(out, sent{start: s.Start, end: s.End, toks: buf[from:len(buf):len(buf)], para: para, inQuote: startQ})
		prevEnd = s.End
	}
	return out
}

// collectMentions records the named actors of the item in reading order.
func (e *Extractor) collectMentions(ctx *itemCtx, text string, sents []sent) {
	for si := range sents {
		ts := sents[si].toks
		for k := 0; k < len(ts); k++ {
			t := ts[k]
			if t.kind != 'w' {
				continue
			}
			if k > 0 && ts[k-1].is("van") && portfolios[t.low] {
				for k+1 < len(ts) && portfolios[ts[k+1].low] {
					k++
				}
				continue // "minister van Buitenlandse Zaken": no name
			}
			if !t.cap {
				// Only a title right before a name matters: "president Donald Trump".
				if k+1 >= len(ts) || !ts[k+1].cap || ts[k+1].kind != 'w' {
					continue
				}
				if _, ok := e.tbl.nounType(t.low); !ok {
					continue
				}
			}
			p, ok := e.parseNP(ts, k, 1)
			if !ok || p.pron || p.nameA < 0 {
				continue
			}
			a := e.actorOfNP(nil, ts, p)
			if a.Type == "person" {
				ctx.mentions = append(ctx.mentions, mention{actor: a, role: e.roleKey(ts, p), pos: ts[p.nameA].start})
			}
			k = p.j - 1
		}
	}
}

// headlineClaims reads "Bron: bewering", "Bron tegen X: bewering" and
// "A en B: bewering" (one claim per source).
func (e *Extractor) headlineClaims(h string) []*found {
	ts, _ := tokenize(h, 0, len(h), false, nil)
	colon := -1
	for k, t := range ts {
		if t.punct(':') {
			colon = k
			break
		}
	}
	if colon < 1 || colon > 6 || colon+1 >= len(ts) {
		return nil
	}
	ps, end, ok := e.coordinated(ts, 0)
	if !ok || ps[0].pron {
		return nil
	}
	if end != colon && !(end < colon && ts[end].is("tegen")) {
		return nil
	}
	var out []*found
	for _, p := range ps {
		if p.ci > p.i && p.head < 0 && p.nameB-p.nameA == 1 && !e.knownName(ts[p.nameA].low) {
			return nil // "De Volkskeuken: ..." names a column, not a source
		}
		out = append(out, &found{si: -1, start: -1, end: -1, ts: ts, text: h, p: p, cue: ":", mode: "headline",
			stance: "assert", content: strings.TrimSpace(h[ts[colon].end:])})
	}
	return out
}

// cueAt reports whether ts[k] is a finite reporting verb, with the cue as written.
// Separable verbs need their particle later in the sentence.
func cueAt(ts []tok, k int) (string, bool) {
	t := ts[k]
	if t.kind != 'w' {
		return "", false
	}
	// "spreekt van een laffe daad": a characterisation attributed to the subject.
	if spreekVerbs[t.low] && k+1 < len(ts) && ts[k+1].is("van") {
		return t.text + " " + ts[k+1].text, true
	}
	if parts, ok := separableCues[t.low]; ok {
		for m := k + 1; m < len(ts) && m < k+25; m++ {
			if ts[m].is("dat") && !cueVerbs[t.low] {
				// "spreekt dat tegen": dat as object; otherwise a dat-clause starts.
				// "wees dat van de hand": dat as object before the particle phrase.
				if m+1 < len(ts) && ts[m+1].kind == 'w' && !isPart(parts, ts[m+1].low) &&
					!(isPart(parts, "hand") && m+3 < len(ts) && ts[m+1].is("van") && ts[m+2].is("de") && ts[m+3].is("hand")) {
					break
				}
			}
			for _, part := range parts {
				if ts[m].is(part) && particleEnds(ts, m) {
					if part == "hand" {
						// "wijst de beschuldigingen van de hand"
						if m >= 2 && ts[m-2].is("van") && ts[m-1].is("de") {
							return t.text + " van de hand", true
						}
						continue
					}
					return t.text + " " + ts[m].text, true
				}
			}
		}
	}
	if cueVerbs[t.low] {
		return t.text, true
	}
	return "", false
}

func isPart(parts []string, w string) bool {
	for _, p := range parts {
		if p == w {
			return true
		}
	}
	return false
}

// particleEnds reports whether the particle at m closes its clause ("liet weten dat",
// "sprak dat tegen."), unlike a preposition ("sprak over de zaak tegen de verdachten").
func particleEnds(ts []tok, m int) bool {
	if m+1 >= len(ts) {
		return true
	}
	switch ts[m].low {
	case "weten", "bekend", "mede", "erop":
		return true // never prepositions
	}
	n := ts[m+1]
	return n.kind != 'w' || n.is("dat") || n.is("om") || n.is("te") || n.is("of") || n.is("en") || n.is("maar")
}

// hasDatAfter reports whether a "dat" or ":" or quotation follows within n tokens.
func hasDatAfter(ts []tok, k, n int) bool {
	for m := k + 1; m < len(ts) && m <= k+n; m++ {
		if ts[m].is("dat") || ts[m].punct(':') || ts[m].kind == 'q' && ts[m].open {
			return true
		}
	}
	return false
}

// anySpeaker accepts any noun phrase: after "zegt" in "..., zegt X" or
// "Dat meldt X" the syntax alone marks X as the source ("de historicus").
func (e *Extractor) anySpeaker(p np) bool {
	return p.pron || p.nameA >= 0 || p.head >= 0
}

// speakerLike reports whether an NP can name a source.
func (e *Extractor) speakerLike(ts []tok, p np) bool {
	if p.pron {
		return true
	}
	if p.nameA >= 0 {
		return true
	}
	return p.head >= 0 && p.headTyp != ""
}

// sentenceClaims finds the attributions of sentence si.
func (e *Extractor) sentenceClaims(text string, sents []sent, si int) []*found {
	s := &sents[si]
	ts := s.toks
	n := len(ts)
	for n > 0 && ts[n-1].kind == 'p' {
		n--
	}
	ts = ts[:n]
	if n < 3 {
		return nil
	}
	mk := func(p np, cue string) *found {
		return &found{si: si, start: s.start, end: s.end, ts: s.toks, text: text, p: p, pron: p.pron,
			cue: cue, mode: "indirect", stance: "assert", para: s.para}
	}
	var out []*found
	direct := func(upto int) bool {
		// The claim is a quotation when the sentence opens with (or continues) a quote
		// that closes just before the attribution.
		if !(ts[0].kind == 'q' && ts[0].open || s.inQuote) {
			return false
		}
		for m := upto - 1; m >= 0 && m >= upto-3; m-- {
			if ts[m].kind == 'q' && !ts[m].open {
				return true
			}
		}
		return upto >= n
	}

	// 1. "Dat zegt X." / "Dat heeft X gezegd."
	if (ts[0].is("dat") || ts[0].is("dit")) && n > 2 {
		cue, ok := cueAt(ts, 1)
		var ps []np
		end := 0
		if ok {
			ps, end, ok = e.coordinated(ts, 2)
		} else if auxVerbs[ts[1].low] {
			ps, end, ok = e.coordinated(ts, 2)
			if ok {
				ok = false
				for m := end; m < n && m <= end+3; m++ {
					if cueParticiples[ts[m].low] {
						cue, ok = ts[m].text, true
						if ts[m].is("laten") && m+1 < n && ts[m+1].is("weten") {
							cue = ts[m].text + " " + ts[m+1].text
						}
						break
					}
				}
			}
		}
		if ok && e.anySpeaker(ps[0]) {
			for _, p := range ps {
				f := mk(p, cue)
				f.datForm = true
				if si > 0 && sents[si-1].para == s.para {
					f.start = sents[si-1].start
				}
				f.content = strings.TrimSpace(text[f.start:s.start])
				if f.content == "" {
					f.content = text[s.start:s.end]
				}
				out = append(out, f)
			}
			// ", dat daarbij aangaf dat ...": a second claim by the same source.
			if end+2 < n && ts[end].punct(',') && (ts[end+1].is("dat") || ts[end+1].is("die")) {
				for m := end + 2; m < n && m <= end+4; m++ {
					if c, ok := cueAt(ts, m); ok {
						f := mk(ps[0], c)
						f.content = contentAfterDat(text, ts, m, s.end)
						out = append(out, f)
						break
					}
				}
			}
			return out
		}
	}

	// 1b. "Dat staat in een verklaring van X." / "Dat blijkt uit een rapport van X."
	if (ts[0].is("dat") || ts[0].is("dit")) && n > 5 &&
		(ts[1].is("staat") && ts[2].is("in") || ts[1].is("blijkt") && ts[2].is("uit") || ts[1].is("stond") && ts[2].is("in")) {
		k := 3
		if k < n && determiners[ts[k].low] {
			k++
		}
		for k < n && ts[k].kind == 'w' && !documentNouns[ts[k].low] && k < 7 && !npStop[ts[k].low] {
			k++ // adjectives: "een schriftelijke verklaring"
		}
		if k+2 < n && documentNouns[ts[k].low] && ts[k+1].is("van") {
			if ps, _, ok := e.coordinated(ts, k+2); ok && e.speakerLike(ts, ps[0]) && !ps[0].pron {
				for _, p := range ps {
					f := mk(p, text[ts[1].start:ts[2].end])
					f.datForm = true
					if si > 0 && sents[si-1].para == s.para {
						f.start = sents[si-1].start
					}
					f.content = strings.TrimSpace(text[f.start:s.start])
					if f.content == "" {
						f.content = text[s.start:s.end]
					}
					out = append(out, f)
				}
				return out
			}
		}
	}

	// 2. Attribution after the statement: "..., zegt X." / "..., aldus X." / "", verzekerde X."
	for k := 1; k < n-1; k++ {
		inverted := ts[k-1].punct(',') || k >= 2 && ts[k-1].kind == 'q' && !ts[k-1].open && ts[k-2].punct(',') ||
			k >= 2 && (ts[k-1].is("dat") || ts[k-1].is("zo")) && ts[k-2].punct(',') ||
			k >= 2 && ts[k-2].kind == 'q' && !ts[k-2].open && ts[k-1].punct(',')
		if !inverted {
			continue
		}
		cut := k - 1
		for cut > 0 && (ts[cut].punct(',') || ts[cut].kind == 'q' || ts[cut].is("dat") || ts[cut].is("zo")) {
			cut--
		}
		if ts[k].is("is") && k+2 < n && ts[k+1].is("de") && (ts[k+2].is("boodschap") || ts[k+2].is("teneur") || ts[k+2].is("strekking")) {
			f := &found{si: si, start: s.start, end: s.end, ts: s.toks, text: text, cont: true, para: s.para,
				cue: text[ts[k].start:ts[k+2].end], mode: "indirect", stance: "assert",
				content: strings.TrimSpace(text[s.start:ts[cut].end])}
			return []*found{f}
		}
		cue := ""
		ok := false
		if ts[k].is("aldus") {
			cue, ok = ts[k].text, true
		} else {
			cue, ok = cueAt(ts, k)
		}
		if !ok {
			continue
		}
		ps, _, ok := e.coordinated(ts, k+1)
		if !ok || !e.anySpeaker(ps[0]) {
			continue
		}
		for _, p := range ps {
			f := mk(p, cue)
			f.content = trimQuotes(text[s.start:ts[cut].end])
			if direct(k) {
				f.mode = "direct"
			}
			out = append(out, f)
		}
		return out
	}

	// 3. Body quote introduced by a colon: "Zelensky: "..."".
	for k := 1; k < n-1 && k <= 6; k++ {
		if ts[k].punct(':') && ts[k+1].kind == 'q' {
			if p, ok := e.parseNP(ts, 0, 0); ok && p.j == k && e.speakerLike(ts, p) {
				f := mk(p, ":")
				f.mode = "direct"
				f.content = trimQuotes(text[ts[k+1].start:s.end])
				return []*found{f}
			}
		}
	}

	// 4. Subject first: "X zegt (dat) ...", "X heeft ... gezegd", "X heeft naar eigen zeggen ...".
	var subj []*found
	if ps, j, ok := e.subject(ts); ok && j < n {
		cue := ""
		hit := false
		anaphor := false
		if ts[j].is("zelf") && j+1 < n {
			j++ // "Hezbollah zelf wees ... van de hand"
		}
		if _, ok := cueAt(ts, j); !ok && (postModifiers[ts[j].low] || ps[len(ps)-1].vanSub != nil && ts[j].kind == 'w' && !ts[j].cap) {
			// "Een arts van een van de laatste ziekenhuizen zei ...": skip the
			// subject's post-modifier up to a reporting verb in the same clause.
			for m := j + 1; m < n && m <= j+12; m++ {
				if ts[m].kind != 'w' || ts[m].is("dat") || auxVerbs[ts[m].low] {
					break
				}
				if _, ok := cueAt(ts, m); ok {
					j = m
					break
				}
			}
		}
		if c, ok := cueAt(ts, j); ok {
			cue, hit = c, true
			if weakCues[ts[j].low] && !strings.Contains(c, " ") && !hasDatAfter(ts, j, 3) {
				hit = false
			}
			if j+2 < n && ts[j+1].is("niet") {
				for m := j + 2; m < n && m <= j+3; m++ {
					if questionWords[ts[m].low] {
						hit = false // "Hij zei niet om wie het ging."
					}
				}
			}
		} else if auxVerbs[ts[j].low] {
			for m := j + 1; m < n; m++ {
				if (ts[m].is("dat") || ts[m].is("dit")) && m == j+1 && si > 0 {
					// "X heeft dat zondag bevestigd.": dat is the previous sentence.
					if k, ok := closingParticiple(ts, m+1); ok {
						cue, hit, anaphor = ts[k].text, true, true
						break
					}
				}
				if ts[m].is("dat") || ts[m].punct(':') {
					break
				}
				if cueParticiples[ts[m].low] {
					if ts[m].is("laten") {
						if m+1 < n && ts[m+1].is("weten") {
							cue, hit = ts[m].text+" "+ts[m+1].text, true
							break
						}
						continue
					}
					if weakParticiples[ts[m].low] && !quotedOrDat(ts, j, m) {
						break
					}
					cue, hit = ts[m].text, true
					break
				}
			}
		}
		if !hit && countVerbs[ts[j].low] && countFollows(ts, j) {
			cue, hit = ts[j].text, true // "De organisatie telde zeker 140 doden"
		}
		if !hit {
			if c, ok := eigenZeggen(text, ts); ok {
				cue, hit = c, true
			} else if c, ok := denyPhrase(text, ts, j); ok {
				cue, hit = c, true
			}
		}
		if hit && anaphor {
			for _, p := range ps {
				f := mk(p, cue)
				f.datForm = true
				if sents[si-1].para == s.para {
					f.start = sents[si-1].start
				}
				f.content = strings.TrimSpace(text[sents[si-1].start:sents[si-1].end])
				subj = append(subj, f)
			}
			hit = false
		}
		if hit {
			for _, p := range ps {
				f := mk(p, cue)
				f.content = contentAfterDat(text, ts, j, s.end)
				if colonQuote(ts, j) {
					f.mode = "direct" // X zegt: "...", X reageerde op Telegram: "..."
				}
				subj = append(subj, f)
			}
		}
	}

	// 5. Front adverbial, then verb, then subject: "Vorige week meldden de Duitsers al dat ...".
	if len(subj) == 0 && ts[0].cap && (frontAdverbs[ts[0].low] || npStop[ts[0].low] || timeWord(ts[0].low)) && !ts[0].is("volgens") {
		for k := 1; k < n-1 && k <= 10; k++ {
			if ts[k].punct(',') {
				// "In een rapport dat maandag verscheen, schrijft X dat ...".
				if _, ok := cueAt(ts, k+1); !ok || k+2 >= n {
					break
				}
				k++
			}
			c, ok := cueAt(ts, k)
			if !ok {
				continue
			}
			ps, end, ok := e.coordinated(ts, k+1)
			if ok && e.speakerLike(ts, ps[0]) && (k == 1 || !ps[0].pron && hasDatAfter(ts, end-1, 4)) {
				for _, p := range ps {
					f := mk(p, c)
					f.content = contentAfterDat(text, ts, k, s.end)
					subj = append(subj, f)
				}
			}
			break
		}
	}

	// 6. "volgens X" anywhere.
	var volg []*found
	for k := 0; k < n-1; k++ {
		if !ts[k].is("volgens") {
			continue
		}
		at := k + 1
		if reportNouns[ts[at].low] && at+2 < n && ts[at+1].is("van") {
			at += 2
		}
		var ps []np
		var ok bool
		switch {
		case ts[at].low == "hem" || ts[at].low == "haar" || ts[at].low == "hen" || ts[at].low == "hun":
			ps, ok = []np{{i: at, ci: at, j: at + 1, head: -1, nameA: -1, nameB: -1, pron: true}}, true
		case determiners[ts[at].low] && at+1 < n && documentNouns[ts[at+1].low] && (at+2 >= n || !ts[at+2].is("van")):
			// "volgens het rapport": a document as the source.
			ps, ok = []np{{i: at, ci: at + 1, j: at + 2, head: at + 1, nameA: -1, nameB: -1, headTyp: "unknown"}}, true
		default:
			ps, _, ok = e.coordinated(ts, at)
		}
		if !ok || !e.speakerLike(ts, ps[0]) && !documentSource(ts, ps[0]) {
			continue
		}
		for _, p := range ps {
			f := mk(p, ts[k].text)
			f.content = tidy(text[s.start:ts[k].start] + text[ts[ps[len(ps)-1].j-1].end:s.end])
			volg = append(volg, f)
		}
	}
	if len(volg) > 0 && len(subj) > 0 {
		// A medium after "volgens" is only the channel of the subject's claim;
		// otherwise the "volgens" source is the one closest to the proposition.
		media := true
		for _, v := range volg {
			if a := e.actorOfNP(nil, v.ts, v.p); a.Type != "media" {
				media = false
			}
		}
		if media {
			volg = nil
		} else {
			subj = nil
		}
	}
	out = append(out, subj...)
	out = append(out, volg...)

	// 7. Nominal reports: "berichten in Russische media dat ...", "dreigementen van X om ...".
	for k := 0; k < n-2; k++ {
		if !reportNouns[ts[k].low] || k > 0 && ts[k-1].is("volgens") {
			continue
		}
		if !(ts[k+1].is("van") || ts[k+1].is("in") || ts[k+1].is("uit")) {
			continue
		}
		ps, end, ok := e.coordinated(ts, k+2)
		if !ok || !e.speakerLike(ts, ps[0]) || ps[0].pron {
			continue
		}
		follow := end < n && (ts[end].is("om") || ts[end].is("dat") || ts[end].punct(':'))
		if !follow {
			for m := end; m < n; m++ {
				if ts[m].is("dat") {
					follow = true
					break
				}
			}
		}
		if !follow {
			continue
		}
		for _, p := range ps {
			f := mk(p, ts[k].text)
			f.content = contentAfterDat(text, ts, end-1, s.end)
			out = append(out, f)
			for _, g := range subj {
				g.targetRef = f
			}
		}
		k = end
	}
	// 8. A closing relative clause: "..., wat Rwanda ontkent." / "..., wat X bevestigt."
	for k := 1; k+3 <= n; k++ {
		if !ts[k-1].punct(',') || !ts[k].is("wat") {
			continue
		}
		p, ok := e.parseNP(ts, k+1, 0)
		if !ok || p.pron || p.j >= n || !e.speakerLike(ts, p) {
			continue
		}
		cue, ok := cueAt(ts, n-1)
		if !ok || n-1 < p.j {
			continue
		}
		f := mk(p, cue)
		f.content = trimQuotes(text[s.start:ts[k-1].start])
		if len(out) > 0 {
			f.targetRef = out[len(out)-1] // the claim of the main clause
		}
		out = append(out, f)
		break
	}
	// Explicit target of a denial: "de uitspraken van X".
	for k := 0; k < n-2; k++ {
		if targetNouns[ts[k].low] && ts[k+1].is("van") && !(k+3 < n && ts[k+2].is("de") && ts[k+3].is("hand")) {
			if p, ok := e.parseNP(ts, k+2, 0); ok && !p.pron {
				for _, g := range subj {
					pp := p
					g.targetNP = &pp
				}
			}
		}
	}
	return out
}

// subject reads the sentence-initial subject (with an apposition between commas)
// and returns the phrases and the index of the finite verb after it.
func (e *Extractor) subject(ts []tok) ([]np, int, bool) {
	possessive := len(ts) > 1 && possessives[ts[0].low] && ts[1].kind == 'w' && !ts[1].cap
	if possessive {
		_, possessive = e.tbl.nounType(ts[1].low) // "Zijn woordvoerder ...", not "Zijn er ..."
	}
	if len(ts) > 0 && !possessive && (frontAdverbs[ts[0].low] || npStop[ts[0].low] || nonSpeakers[ts[0].low] || timeWord(ts[0].low)) && !pronouns[ts[0].low] {
		return nil, 0, false
	}
	ps, j, ok := e.coordinated(ts, 0)
	if !ok || !e.speakerLike(ts, ps[0]) {
		return nil, 0, false
	}
	if j < len(ts) && ts[j].punct(',') {
		if ps2, j2, ok := e.coordinated(ts, j+1); ok && j2 < len(ts) && ts[j2].punct(',') && !ps2[0].pron && ps2[0].nameA >= 0 {
			// Coordinated adjectives give each name its country, in order.
			var ccs []string
			for k := ps[0].ci; k < ps[0].j; k++ {
				if c, ok := e.tbl.adjs[ts[k].low]; ok {
					ccs = append(ccs, c.code)
				}
			}
			for k := range ps2 {
				if len(ccs) == len(ps2) {
					ps2[k].cc = ccs[k]
				} else if len(ccs) == 1 {
					ps2[k].cc = ccs[0]
				}
			}
			return ps2, j2 + 1, true
		}
		if _, j2, ok := e.coordinated(ts, j+1); ok && j2+1 < len(ts) && ts[j2].punct(',') {
			if _, cue := cueAt(ts, j2+1); cue {
				// "Het Observatorium, een oppositiegroep in Londen, spreekt van ..."
				return ps, j2 + 1, true
			}
		}
		return ps, j + 1, true
	}
	return ps, j, true
}

// documentSource reports a document named as a source: "volgens het rapport".
func documentSource(ts []tok, p np) bool {
	return !p.pron && p.nameA < 0 && p.head >= 0 && documentNouns[ts[p.head].low]
}

// closingParticiple finds a reporting participle that closes the clause within a
// few tokens of m: "heeft dat zondag bevestigd".
func closingParticiple(ts []tok, m int) (int, bool) {
	for k := m; k < len(ts) && k <= m+3; k++ {
		if ts[k].kind != 'w' {
			return 0, false
		}
		if cueParticiples[ts[k].low] && !weakParticiples[ts[k].low] && (k+1 == len(ts) || ts[k+1].kind != 'w') {
			return k, true
		}
	}
	return 0, false
}

// countFollows reports whether a number follows the counting verb at j:
// "telde zeker 140 doden", "telt 31 verdachten".
func countFollows(ts []tok, j int) bool {
	for m := j + 1; m < len(ts) && m <= j+3; m++ {
		if ts[m].kind != 'w' {
			return false
		}
		if c := ts[m].low[0]; c >= '0' && c <= '9' {
			return true
		}
	}
	return false
}

// quotedOrDat reports whether the clause of the participle at m has a quotation
// (after the subject ending at j), or a dat-clause or colon after m.
func quotedOrDat(ts []tok, j, m int) bool {
	for k := j; k < m; k++ {
		if ts[k].kind == 'q' {
			return true
		}
	}
	return hasDatAfter(ts, m, 3)
}

// colonQuote reports whether a colon and an opening quote follow the verb at j
// before any dat-clause: X zegt: "...".
func colonQuote(ts []tok, j int) bool {
	for m := j + 1; m+1 < len(ts) && m <= j+8; m++ {
		if ts[m].is("dat") {
			return false
		}
		if ts[m].punct(':') {
			return ts[m+1].kind == 'q' && ts[m+1].open
		}
	}
	return false
}

// eigenZeggen finds "naar eigen zeggen".
func eigenZeggen(text string, ts []tok) (string, bool) {
	for k := 0; k+2 < len(ts); k++ {
		if ts[k].is("naar") && ts[k+1].is("eigen") && ts[k+2].is("zeggen") {
			return text[ts[k].start:ts[k+2].end], true
		}
	}
	return "", false
}

// denyPhrase finds an infinitival denial after the verb: "om ... tegen te spreken", "te ontkennen".
func denyPhrase(text string, ts []tok, from int) (string, bool) {
	for k := from; k+2 < len(ts); k++ {
		if ts[k].is("tegen") && ts[k+1].is("te") && (ts[k+2].is("spreken") || ts[k+2].is("gaan")) {
			return text[ts[k].start:ts[k+2].end], true
		}
		if ts[k].is("te") && (ts[k+1].is("ontkennen") || ts[k+1].is("weerspreken") || ts[k+1].is("verwerpen")) {
			return text[ts[k+1].start:ts[k+1].end], true
		}
	}
	return "", false
}

// contentAfterDat is the text after the first "dat" (or ":") following token k,
// or the rest of the sentence after k.
func contentAfterDat(text string, ts []tok, k, end int) string {
	for m := k + 1; m < len(ts); m++ {
		if ts[m].is("dat") || ts[m].punct(':') {
			if m+1 < len(ts) {
				return trimQuotes(text[ts[m+1].start:end])
			}
			break
		}
	}
	if k+1 < len(ts) {
		return trimQuotes(text[ts[k+1].start:end])
	}
	return ""
}

// tidy repairs the seams left by cutting "volgens X" out of a sentence.
func tidy(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(s, " ,", ",")
	s = strings.ReplaceAll(s, ", .", ".")
	s = strings.ReplaceAll(s, " .", ".")
	s = strings.TrimLeft(s, ", ")
	return s
}

func trimQuotes(s string) string {
	return strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "\"“”„«», "))
}

// continuation makes a claim of a sentence without its own attribution that
// continues the previous claim: a quotation, or zou/zouden hearsay in the same paragraph.
func (e *Extractor) continuation(text string, sents []sent, si int, last *found) *found {
	s := &sents[si]
	if last.si < 0 || last.si != si-1 {
		return nil
	}
	ts := s.toks
	if len(ts) == 0 {
		return nil
	}
	f := &found{si: si, start: s.start, end: s.end, ts: ts, text: text, cont: true, stance: "assert", para: s.para,
		content: trimQuotes(text[s.start:s.end])}
	switch {
	case ts[0].kind == 'q' && ts[0].open || s.inQuote:
		f.mode = "direct"
	default:
		if sents[last.si].para != s.para {
			return nil
		}
		for _, t := range ts {
			if t.is("zou") || t.is("zouden") {
				f.mode, f.cue = "indirect", t.text
				return f
			}
		}
		return nil
	}
	return f
}

// denialNegated finds "niet" right after the denial verb.
func denialNegated(ts []tok, cue string) bool {
	first := strings.ToLower(strings.Fields(cue + " x")[0])
	for k, t := range ts {
		if t.low == first {
			for m := k + 1; m < len(ts) && m <= k+3; m++ {
				if ts[m].is("niet") {
					return true
				}
				if ts[m].is("dat") {
					break
				}
			}
		}
	}
	return false
}

// negated reports whether a sentence says no or not.
func negated(ts []tok) bool {
	for _, t := range ts {
		switch t.low {
		case "niet", "geen", "nooit", "nergens", "onwaar":
			return true
		}
	}
	return false
}

// stances marks denials: denial verbs, dismissals ("als leugens", "om desinformatie"),
// and negated statements that directly follow a denial in the same paragraph.
func (e *Extractor) paraOf(f *found) int { return f.para }

func (e *Extractor) stances(fs []*found) {
	for i, f := range fs {
		if f.si < 0 {
			continue
		}
		ts := f.ts
		lc := strings.ToLower(f.cue)
		deny := denyVerbs[lc] || strings.HasPrefix(lc, "tegen te") || strings.HasSuffix(lc, " tegen") ||
			strings.HasSuffix(lc, "van de hand")
		if deny && denialNegated(ts, f.cue) {
			deny = false // "ontkennen niet dat ..."
		}
		if !deny && f.targetRef == nil {
			for k, t := range ts {
				if !dismissWords[t.low] {
					continue
				}
				for m := k - 1; m >= 0 && m >= k-8; m-- {
					if dismissVerbs[ts[m].low] || ts[m].is("als") || ts[m].is("om") && m == k-1 {
						deny = true
					}
				}
				if k+1 < len(ts) && ts[k+1].is("waar") && t.is("niet") {
					deny = true
				}
			}
			for k := 0; k+1 < len(ts); k++ {
				if ts[k].is("niet") && ts[k+1].is("waar") {
					deny = true
				}
				// "klopt niet", "klopt daar niets van", "klopt geen woord van".
				if ts[k].is("klopt") || ts[k].is("kloppen") {
					for m := k + 1; m < len(ts) && m <= k+12 && ts[m].kind != 'p'; m++ {
						if ts[m].is("niet") || ts[m].is("niets") || ts[m].is("geen") {
							deny = true
						}
					}
				}
				// "dat het rapport eenzijdig is": a report named and dismissed.
				if dismissWords[ts[k+1].low] {
					for m := k; m >= 0 && m >= k-5; m-- {
						if targetNouns[ts[m].low] || reportNouns[ts[m].low] {
							deny = true
						}
					}
				}
			}
			// "Volgens zijn advocaat ontkent de man ...": the denial verb is the
			// sentence's own, the volgens phrase only its channel.
			if strings.EqualFold(f.cue, "volgens") {
				for _, t := range ts {
					if denyVerbs[t.low] && !denialNegated(ts, t.text) {
						deny = true
					}
				}
			}
		}
		if f.targetRef != nil && !deny {
			deny = true // "om berichten ... tegen te spreken"
		}
		if !deny && f.targetNP == nil && negated(ts) {
			// A negated statement right after a denial elaborates it.
			for k := i - 1; k >= 0 && fs[k].si >= 0 && f.si-fs[k].si <= 1; k-- {
				prev := fs[k]
				if prev.stance != "deny" || e.paraOf(prev) != e.paraOf(f) {
					continue
				}
				if !sameSide(prev.actor, f.actor) {
					break // another source's negated statement is its own claim
				}
				deny = true
				f.targetRef, f.targetNP = prev.targetRef, prev.targetNP
				if f.targetRef == nil && f.targetNP == nil {
					f.prevDeny = prev // same target as that denial
				}
				break
			}
		}
		if deny {
			f.stance = "deny"
		}
	}
}

// sameSide reports whether two actors may speak for one side: the same name, an
// unknown one, or the same country (the Kremlin and its spokesman).
func sameSide(a, b Actor) bool {
	if a.Name == "" || b.Name == "" || strings.EqualFold(a.Name, b.Name) {
		return true
	}
	if a.Type == "group" || b.Type == "group" {
		return false // rebels and militias do not speak for their country's state
	}
	return a.Country != nil && b.Country != nil && *a.Country == *b.Country
}

// build turns a found claim into a Claim.
func (e *Extractor) build(in Input, f *found) Claim {
	c := Claim{
		Sentence: f.text, Content: f.content, Speaker: f.speaker, Actor: f.actor, Mode: f.mode,
		Cue: f.cue, Stance: f.stance, Disputes: []string{}, Start: f.start, End: f.end,
		Quantities: []quantity.Quantity{}, Places: []string{},
	}
	if f.si >= 0 {
		c.Sentence = in.Text[f.start:f.end]
		for _, q := range in.Quantities {
			if q.Start >= f.start && q.End <= f.end {
				c.Quantities = append(c.Quantities, q)
			}
		}
	} else if qs := quantity.Extract(f.text, nlp.Sentences(f.text)); len(qs) > 0 {
		// Headline numbers ("71 militairen gedood"); their offsets are into the headline.
		c.Quantities = qs
	}
	c.Places = e.places(in, f)
	h := sha256.New()
	h.Write([]byte(in.ItemID))
	h.Write([]byte{0})
	h.Write([]byte(strconv.Itoa(f.start) + ":" + strconv.Itoa(f.end)))
	h.Write([]byte{0})
	h.Write([]byte(c.Speaker))
	h.Write([]byte{0})
	h.Write([]byte(c.Cue))
	c.ID = hex.EncodeToString(h.Sum(nil)[:8])
	return c
}

// places lists the places named in the claim's sentence outside the speaker span:
// LOC entities when the tagger found any, else known country and capital names.
func (e *Extractor) places(in Input, f *found) []string {
	out := []string{}
	spkA, spkB := -1, -1
	if f.p.j > f.p.i && f.p.j <= len(f.ts) && !f.pron && !f.cont {
		spkA, spkB = f.ts[f.p.i].start, f.ts[f.p.j-1].end
	}
	add := func(s string) {
		for _, x := range out {
			if x == s {
				return
			}
		}
		out = append(out, s)
	}
	if f.si >= 0 && len(in.Entities) > 0 {
		for _, en := range in.Entities {
			if en.Type == "LOC" && en.Start >= f.start && en.End <= f.end && (en.End <= spkA || en.Start >= spkB) {
				add(en.Text)
			}
		}
		return out
	}
	ts := f.ts
	if f.si >= 0 && f.start < f.ts[0].start {
		// Dat-form spans two sentences; tokenize the whole span for places.
		ts, _ = tokenize(in.Text, f.start, f.end, false, nil)
	}
	for k := 0; k < len(ts); k++ {
		if !ts[k].cap || ts[k].kind != 'w' || ts[k].start >= spkA && ts[k].end <= spkB {
			continue
		}
		for w := 3; w >= 1; w-- {
			if k+w > len(ts) {
				continue
			}
			name := joinToks(ts, k, k+w)
			low := strings.ToLower(name)
			if _, ok := e.tbl.actors[low]; ok {
				continue // "Kremlin", "Witte Huis" are actors here
			}
			if e.isPlace(low) {
				add(name)
				k += w - 1
				break
			}
		}
	}
	return out
}
