package quantity

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"wirewatch/internal/nlp"
)

// Extract finds the quantities in text, given its sentences (from nlp.Sentences;
// nil means split here). Years, dates, clock times, ages, durations and ordinals
// are left out. Offsets are byte offsets into text.
func Extract(text string, sents []nlp.Sentence) []Quantity {
	if sents == nil {
		sents = nlp.Sentences(text)
	}
	out := []Quantity{}
	for si := range sents {
		x := newSentence(text, sents, si)
		out = x.extract(out)
	}
	return out
}

// sentence is the working state for one sentence.
type sentence struct {
	text  string
	toks  []nlp.Token
	low   []string // lower-case token texts
	prev  []string // lower-case tokens of the previous sentence in the same paragraph
	since int      // byte offset where the previous sentence of the paragraph (or this one) starts
	first int      // index of the first word token (sentence-initial capitals mean nothing)
}

func newSentence(text string, sents []nlp.Sentence, si int) *sentence {
	s := &sentence{text: text, toks: sents[si].Tokens}
	s.low = lowerAll(s.toks)
	if si > 0 && !strings.Contains(text[sents[si-1].End:sents[si].Start], "\n") {
		s.prev = lowerAll(sents[si-1].Tokens)
		s.since = sents[si-1].Start
	} else {
		s.since = sents[si].Start
	}
	for s.first < len(s.toks) && !startsWithLetterOrDigit(s.toks[s.first].Text) {
		s.first++
	}
	return s
}

func lowerAll(toks []nlp.Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = strings.ToLower(t.Text)
	}
	return out
}

func startsWithLetterOrDigit(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// number is a parsed number phrase toks[start:end].
type number struct {
	start, end int
	value      float64
	vague      bool // duizenden, tientallen
	percent    bool // 5%
	word       bool // written as a word
	bare4      bool // four digits without separator: maybe a year
	about      bool // a round count: "een tiental", "een twintigtal"
}

// parseNumber parses the number phrase starting at token k.
func (s *sentence) parseNumber(k int) (number, bool) {
	if k >= len(s.toks) {
		return number{}, false
	}
	t, lw := s.toks[k].Text, s.low[k]
	n := number{start: k, end: k + 1}
	switch {
	case vaguePlurals[lw]:
		n.vague = true
		if n.end < len(s.toks) && vaguePlurals[s.low[n.end]] {
			n.end++ // "tientallen miljoenen"
		}
		return n, true
	case t[0] >= '0' && t[0] <= '9':
		digits := t
		if strings.HasSuffix(digits, "%") {
			digits = digits[:len(digits)-1]
			n.percent = true
		}
		v, ok := ParseDigits(digits)
		if !ok {
			return n, false
		}
		n.value = v
		n.bare4 = !n.percent && len(digits) == 4 && !strings.ContainsAny(digits, ".,")
	case (lw == "een" || lw == "half" || lw == "halve") && k+2 < len(s.toks):
		// "een half miljoen", "half miljard": a half times the multiplier.
		h := k
		if lw == "een" {
			h++
		}
		if (s.low[h] == "half" || s.low[h] == "halve") && h+1 < len(s.toks) && multipliers[s.low[h+1]] > 0 {
			n.value, n.word, n.end = 0.5*multipliers[s.low[h+1]], true, h+2
			return n, true
		}
		if lw != "een" {
			return n, false
		}
		if k+1 >= len(s.toks) || multipliers[s.low[k+1]] == 0 {
			return n, false
		}
		n.value, n.word = 1, true
	case strings.HasSuffix(lw, "tal") && len(lw) > 5:
		// "een tiental", "een honderdtal": about that many.
		v, ok := ParseNumberWord(strings.TrimSuffix(lw, "tal"))
		if !ok || v < 10 {
			return n, false
		}
		n.value, n.word, n.about = v, true, true
	default:
		if lw == "een" || lw == "ene" {
			// The article: a number only before a multiplier ("een miljoen").
			if k+1 >= len(s.toks) || multipliers[s.low[k+1]] == 0 {
				return n, false
			}
		}
		v, ok := ParseNumberWord(lw)
		if !ok || lw == "half" || lw == "halve" {
			return n, false
		}
		if v == 1 && (k+1 >= len(s.toks) || multipliers[s.low[k+1]] == 0 && nounCategory(s.low[k+1]) == "") {
			// "één voor één", "één van de": only "één dode" and "één miljoen" count.
			return n, false
		}
		n.value, n.word = v, true
	}
	if n.end < len(s.toks) && !n.percent {
		if m := multipliers[s.low[n.end]]; m > 0 {
			n.value *= m
			n.end++
			n.bare4 = false
		}
	}
	return n, true
}

// extract appends the quantities of the sentence to out.
func (s *sentence) extract(out []Quantity) []Quantity {
	for k := 0; k < len(s.toks); k++ {
		q, next, ok := s.quantityAt(k, out)
		if !ok {
			continue
		}
		out = append(out, q)
		k = next - 1
	}
	return out
}

// quantityAt tries to read a quantity whose number starts at token k. It returns
// the quantity and the index of the first token after it.
func (s *sentence) quantityAt(k int, done []Quantity) (Quantity, int, bool) {
	if rlo, rhi, ok := s.dashRange(k); ok {
		return s.finish(k, k+1, number{start: k, end: k + 1}, &rlo, &rhi, done)
	}
	n, ok := s.parseNumber(k)
	if !ok {
		return Quantity{}, 0, false
	}
	if strings.Contains(s.toks[k].Text, ":") {
		return Quantity{}, 0, false // clock time
	}
	// Ranges: "300 tot 500", "10 à 20", "tussen de 5000 en 8000".
	end := n.end
	var lo, hi *float64
	if !n.vague && end+1 < len(s.toks) {
		join := s.low[end]
		between := s.before(k, "tussen", "de") || s.before(k, "tussen")
		if rangeWords[join] && !between || join == "en" && between {
			if m, ok := s.parseNumber(end + 1); ok && !m.vague && !m.percent {
				a, b := n.value, m.value
				if n.end == n.start+1 && m.end > m.start+1 {
					// "5 tot 8 miljoen": the multiplier covers both ends.
					a *= multipliers[s.low[m.end-1]]
				}
				if a < b {
					lo, hi = &a, &b
					n.percent = n.percent || m.percent
					n.bare4 = n.bare4 && m.bare4
					end = m.end
				}
			}
		}
	}
	n.end = end
	return s.finish(k, end, n, lo, hi, done)
}

// dashRange reads a one-token range "5000-8000".
func (s *sentence) dashRange(k int) (float64, float64, bool) {
	a, b, ok := strings.Cut(s.toks[k].Text, "-")
	if !ok {
		return 0, 0, false
	}
	x, ok1 := ParseDigits(a)
	y, ok2 := ParseDigits(b)
	if !ok1 || !ok2 || x >= y || isYear(x) && isYear(y) && len(a) == 4 {
		return 0, 0, false
	}
	return x, y, true
}

func isYear(v float64) bool { return v >= 1000 && v <= 2100 && v == float64(int(v)) }

// before reports whether the tokens right before k are words (lower case).
func (s *sentence) before(k int, words ...string) bool {
	if k < len(words) {
		return false
	}
	for i, w := range words {
		if s.low[k-len(words)+i] != w {
			return false
		}
	}
	return true
}

// finish adds prefix, unit and category to the number phrase toks[k:end].
func (s *sentence) finish(k, end int, n number, lo, hi *float64, done []Quantity) (Quantity, int, bool) {
	prevLow := ""
	if k > 0 {
		prevLow = s.low[k-1]
	}
	if months[prevLow] || end < len(s.toks) && months[s.low[end]] || idLead[prevLow] || prevLow == "#" || prevLow == "nummer" {
		return Quantity{}, 0, false
	}
	q := Quantity{Approx: n.vague}
	startTok := k
	// Prefix words: floors, caps and approximations.
	if lo == nil {
	prefixLoop:
		for _, p := range prefixes {
			if s.before(k, p.words...) {
				startTok = k - len(p.words)
				q.Approx = q.Approx || p.approx
				v := n.value
				switch {
				case n.vague:
				case p.floor:
					q.Low = &v
				case p.cap:
					q.High = &v
				}
				break prefixLoop
			}
		}
	} else {
		q.Low, q.High = lo, hi
		switch {
		case s.before(k, "tussen", "de"):
			startTok = k - 2
		case s.before(k, "tussen"):
			startTok = k - 1
		}
		for _, p := range prefixes {
			if p.approx && s.before(startTok, p.words...) {
				startTok -= len(p.words)
				q.Approx = true
				break
			}
		}
	}
	if n.vague && startTok == k && k > 0 && vagueLead[prevLow] {
		startTok = k - 1
	}
	if n.about {
		q.Approx = true
		if startTok == k && prevLow == "een" {
			startTok = k - 1
		}
	}
	if sym, ok := currencySymbols[prevLow]; ok && startTok == k {
		startTok = k - 1
		q.Unit = sym
	}
	if lo == nil && !n.vague {
		v := n.value
		q.Value = &v
	}

	// The counted noun, possibly after adjectives ("71 Russische militairen").
	unitEnd := end
	if n.percent {
		q.Unit = "%"
	} else if q.Unit == "" {
		u, ue, reject := s.unitAfter(end)
		if reject {
			return Quantity{}, 0, false
		}
		q.Unit, unitEnd = u, ue
	}
	if q.Unit == "" && !n.vague {
		switch {
		case n.bare4:
			return Quantity{}, 0, false // a bare year ("in 2022", "2024 was ...")
		case n.word:
			// "De twee werden opgepakt": a number word standing for people.
			if !(prevLow == "de" && n.value >= 2 && n.value <= 20 && n.end == n.start+1 && s.verbFollows(end)) {
				return Quantity{}, 0, false
			}
			startTok = k - 1
		case k > s.first && isCapitalized(s.toks[k-1].Text):
			return Quantity{}, 0, false // Boeing 737, Artikel 5
		}
	}
	if n.bare4 && lo == nil && (yearLead[prevLow] || s.afterYear(k) || s.before(k, "tot", "en", "met") || s.before(k, "t/m")) {
		return Quantity{}, 0, false
	}
	if q.Unit == "" && !n.vague {
		// "315 van de 465 zetels": the unit of the number it is part of.
		if u := s.ofUnit(end); u != "" {
			q.Unit = u
		} else if prev, ok := lastQuantity(done); ok && prev.Unit != "" && prev.Start >= s.since && s.anaphoric(k, end) {
			// "Vorig jaar waren het er nog 450.": the unit of the previous quantity.
			q.Unit = prev.Unit
			q.Category = prev.Category
		} else if s.has("dodental", "dodentol") && !n.percent {
			// "Het dodental is opgelopen tot 45."
			q.Category = Killed
		} else if lo == nil && q.Low == nil && q.High == nil && !q.Approx && n.end == n.start+1 && startTok == k {
			// A bare number without a noun is a label, score, age "(17)" or list
			// number far more often than a count.
			return Quantity{}, 0, false
		}
	}
	if q.Unit == "" && n.vague && !s.verbFollows(end) {
		return Quantity{}, 0, false // "de miljarden": what is counted stays unknown
	}
	q.Start = s.toks[startTok].Start
	q.End = s.toks[unitEnd-1].End
	q.Text = s.text[q.Start:q.End]
	if q.Category == "" {
		q.Category = s.category(q.Unit, n.percent, startTok, unitEnd)
	}
	return q, unitEnd, true
}

// unitAfter finds the counted noun after the number, skipping adjectives. It
// returns the unit text and the token index after it; reject is true when the
// number is a duration, age or date.
func (s *sentence) unitAfter(k int) (unit string, end int, reject bool) {
	end = k
	j := k
	for skipped := 0; j < len(s.toks) && skipped < 3; skipped++ {
		if !s.isAdjective(j) {
			break
		}
		j++
	}
	if j >= len(s.toks) {
		return "", end, false
	}
	lw := s.low[j]
	if timeUnits[lw] || months[lw] || strings.HasSuffix(lw, "jarige") || strings.HasSuffix(lw, "jarigen") {
		return "", end, true
	}
	if _, ok := singularUnits[lw]; !ok && !s.isNoun(j) {
		return "", end, false
	}
	unit = s.toks[j].Text
	end = j + 1
	// "doden en gewonden": two casualty nouns counted together.
	if j+2 < len(s.toks) && (s.low[j+1] == "en" || s.low[j+1] == "of") {
		a, b := s.low[j], s.low[j+2]
		if casualty(a) && casualty(b) {
			unit = s.text[s.toks[j].Start:s.toks[j+2].End]
			end = j + 3
		}
	}
	return unit, end, false
}

func casualty(w string) bool {
	switch nounCategories[w] {
	case Killed, Wounded, Captured:
		return true
	}
	return w == "vermisten"
}

// isAdjective reports whether token j is an inflected adjective before a noun.
func (s *sentence) isAdjective(j int) bool {
	if j+1 >= len(s.toks) {
		return false
	}
	lw := s.low[j]
	if notUnit[lw] || nounCategories[lw] != "" || len(lw) < 4 || !isWord(s.toks[j].Text) {
		return false
	}
	if !strings.HasSuffix(lw, "e") && !materialAdjective(lw) && !isCue(lw) && lw != "extra" {
		return false
	}
	return isWord(s.toks[j+1].Text) && !notUnit[s.low[j+1]]
}

// isNoun guesses whether token j is a counted noun: a word that is no function
// word and looks plural, or is capitalised (Russen), or is a known noun.
func (s *sentence) isNoun(j int) bool {
	t, lw := s.toks[j].Text, s.low[j]
	if !isWord(t) || notUnit[lw] {
		return false
	}
	if nounCategory(lw) != "" || people[lw] {
		return true
	}
	if _, isNum := ParseNumberWord(lw); isNum || strings.HasSuffix(lw, "lijks") || vaguePlurals[lw] {
		return false // "in heel 2021 tien ...", "jaarlijks"
	}
	return utf8.RuneCountInString(lw) > 3 && isLetterStart(lw) && (strings.HasSuffix(lw, "en") || strings.HasSuffix(lw, "s") || strings.HasSuffix(lw, "'s") || strings.HasSuffix(lw, "’s"))
}

// materialAdjective reports words like "houten" and "gietijzeren", adjectives in -en.
func materialAdjective(w string) bool {
	for _, suf := range []string{"ijzeren", "stalen", "houten", "gouden", "zilveren", "koperen", "stenen", "glazen", "lederen", "wollen", "linnen", "papieren", "plastic", "rubberen", "betonnen"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

func isWord(t string) bool {
	hyphen := strings.IndexByte(t, '-') > 0
	for _, r := range t {
		if !unicode.IsLetter(r) && r != '-' && r != '\'' && r != '’' && !(hyphen && unicode.IsDigit(r)) {
			return false // digits only inside a compound: "F-16-toestellen"
		}
	}
	return t != "" && isLetterStart(t) && isLetterEnd(t)
}

func isLetterEnd(w string) bool {
	r, _ := utf8.DecodeLastRuneInString(w)
	return unicode.IsLetter(r) || r == '\'' || r == '’'
}

func isCapitalized(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r)
}

// verbFollows reports whether a finite verb-like word follows (werden, zijn, waren ...).
func (s *sentence) verbFollows(k int) bool {
	if k >= len(s.toks) {
		return false
	}
	switch s.low[k] {
	case "werden", "zijn", "waren", "zitten", "zaten", "hebben", "hadden", "worden", "kwamen", "zouden", "moeten", "raakten":
		return true
	}
	return false
}

// ofUnit reads "van de 465 zetels" after a number and returns its unit.
func (s *sentence) ofUnit(k int) string {
	at := k + 2
	switch {
	case k+2 < len(s.toks) && s.low[k] == "tegen":
		at = k + 1 // a vote: "met 330 tegen 205 stemmen"
	case k+3 >= len(s.toks) || s.low[k] != "van" || s.low[k+1] != "de" && s.low[k+1] != "het":
		return ""
	}
	n, ok := s.parseNumber(at)
	if !ok || n.vague {
		return ""
	}
	u, _, reject := s.unitAfter(n.end)
	if reject {
		return ""
	}
	return u
}

// anaphoric reports whether the unit-less number toks[k:end] stands for an
// earlier count: quantitative "er" earlier in the clause and the number closing
// it ("Vorig jaar waren het er nog 450.").
func (s *sentence) anaphoric(k, end int) bool {
	if end < len(s.toks) && !isTerminal(s.low[end]) {
		return false
	}
	for i := k - 1; i >= 0 && i >= k-6; i-- {
		if s.low[i] == "er" {
			return true
		}
	}
	return false
}

func isTerminal(t string) bool {
	return t == "." || t == "!" || t == "?" || t == ";" || t == ","
}

func lastQuantity(done []Quantity) (Quantity, bool) {
	if len(done) == 0 {
		return Quantity{}, false
	}
	return done[len(done)-1], true
}

// category decides what a quantity counts, from its noun and the verbs around it.
func (s *sentence) category(unit string, percent bool, start, end int) string {
	lu := strings.ToLower(unit)
	if percent {
		return Other
	}
	if (lu == "meter" || lu == "kilometer") && end-start > 2 && (s.has("vierkante", "kubieke")) {
		return Other // an area or a volume
	}
	if c, ok := singularUnits[lu]; ok && c != Soldiers && c != Count {
		return c
	}
	if strings.Contains(lu, " en ") || strings.Contains(lu, " of ") {
		parts := strings.Fields(lu)
		a, b := nounCategory(parts[0]), nounCategory(parts[len(parts)-1])
		if a == Killed && b == Wounded || a == Wounded && b == Killed {
			return KilledOrWounded
		}
		if a != "" {
			return a
		}
	}
	nc := nounCategory(lu)
	if lu == "levens" && s.has("kostte", "kostten", "eiste", "eisten", "geëist", "gekost") {
		return Killed
	}
	switch nc {
	case Killed, Wounded, Executions, Seats, Money, Distance:
		return nc
	case Captured, Fled:
		// Prisoners and refugees can still be killed or wounded.
		if c := cueCategory(s.low, start, end, false); c == Killed || c == Wounded {
			return c
		}
		return nc
	}
	if unit == "" {
		if c := cueCategory(s.low, start, end, true); c != "" {
			return c
		}
		return Other
	}
	if people[lu] || nc != "" || isCapitalized(unit) || lu == "man" {
		if c := cueCategory(s.low, start, end, true); c != "" {
			return c
		}
		if nc == "" && s.prev != nil {
			if c := cueCategory(s.prev, len(s.prev), len(s.prev), false); c != "" {
				return c
			}
		}
		if nc != "" {
			return nc
		}
		if lu == "man" {
			return Soldiers
		}
	}
	return Count
}

// cueCategory returns the category of the verb cue nearest to toks[start:end].
// Weak cues count only when there is no other.
func cueCategory(low []string, start, end int, inside bool) string {
	best, bestDist := "", 1<<30
	weak, weakDist := "", 1<<30
	for i, w := range low {
		d := start - i + 1 // verbs mostly follow their subject: a cue after wins ties
		lo, hi := i+1, start
		switch {
		case i >= start && i < end:
			if !inside {
				continue
			}
			d, lo, hi = 0, 0, 0 // "vijfduizend omgekomen militairen"
		case i >= end:
			d, lo, hi = i-end+1, end, i
		}
		// A clause boundary between cue and quantity makes it a worse fit.
		for j := lo; j < hi; j++ {
			switch low[j] {
			case ",", ";", ":", "en", "maar", "terwijl", "of":
				d += 4
			}
		}
		if weakRecruitedCues[w] && d < weakDist {
			weak, weakDist = Recruited, d
		}
		c := cueOf(low, i, w)
		if c != "" && d < bestDist {
			best, bestDist = c, d
		}
	}
	if best == "" {
		return weak
	}
	return best
}

func cueOf(low []string, i int, w string) string {
	switch {
	case executionCues[w]:
		return Executions
	case killedCues[w]:
		return Killed
	case w == "om" && i+1 < len(low) && isTerminal(low[i+1]) && followsCome(low, i):
		return Killed // "kwamen daarbij om."
	case w == "dood" && i >= 1 && i+1 < len(low) && low[i+1] == "van" && (low[i-1] == "de" || low[i-1] == "voor"):
		return Killed // "verwijt hem de dood van 40 gevangenen"
	case w == "leven" && i >= 2 && low[i-1] == "het" && (low[i-2] == "om" || low[i-2] == "omgekomen"):
		return Killed
	case woundedCues[w] || strings.HasSuffix(w, "gewond") && len(w) > 6:
		return Wounded // "lichtgewond", "zwaargewond"
	case w == "vlucht" && i >= 2 && low[i-1] == "de" && low[i-2] == "op":
		return Fled // "op de vlucht"
	case capturedCues[w]:
		return Captured
	case fledCues[w]:
		return Fled
	case recruitedCues[w]:
		return Recruited
	}
	return ""
}

// followsCome reports whether a form of "komen" stands shortly before index i.
func followsCome(low []string, i int) bool {
	for j := i - 1; j >= 0 && j >= i-5; j-- {
		switch low[j] {
		case "kwam", "kwamen", "komen", "komt":
			return true
		}
	}
	return false
}

// afterYear reports whether the number at k follows a year in a coordination
// ("in 1994 en 2001").
func (s *sentence) afterYear(k int) bool {
	if k < 2 {
		return false
	}
	switch s.low[k-1] {
	case "en", "of", "-", "tot", "en/of":
	default:
		return false
	}
	v, ok := ParseDigits(s.low[k-2])
	return ok && len(s.low[k-2]) == 4 && isYear(v)
}

// nounCategory is the category a noun implies, also for compounds
// ("burgerdoden", "statenzetels").
func nounCategory(w string) string {
	if c, ok := nounCategories[w]; ok {
		return c
	}
	for k, c := range nounCategories {
		if len(k) >= 5 && len(w) > len(k)+2 && strings.HasSuffix(w, k) {
			return c
		}
	}
	return ""
}

// isCue reports whether w is a verb cue of any category.
func isCue(w string) bool {
	return killedCues[w] || woundedCues[w] || capturedCues[w] || fledCues[w] || recruitedCues[w]
}

// has reports whether the sentence contains one of the words (lower case).
func (s *sentence) has(words ...string) bool {
	for _, t := range s.low {
		for _, w := range words {
			if t == w {
				return true
			}
		}
	}
	return false
}

func isLetterStart(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLetter(r)
}
