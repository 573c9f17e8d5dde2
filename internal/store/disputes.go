package store

import (
	"sort"
	"time"
	"unicode/utf8"

	"wirewatch/internal/claim"
)

// DisputeWindow is how far apart in time a denial and the claim it rejects
// may be for the store to link them across pages.
const DisputeWindow = 7 * 24 * time.Hour

// MaxCrossDisputes caps the claims one denial is linked to across pages.
const MaxCrossDisputes = 3

// DisputeCandidates caps the claims a backend loads per denial.
const DisputeCandidates = 200

// stopwords are frequent Dutch words that say nothing about a claim's topic.
var stopwords = map[string]bool{}

func init() {
	for _, w := range []string{
		"de", "het", "een", "en", "van", "in", "op", "te", "dat", "die", "is", "zijn", "was", "waren",
		"er", "met", "voor", "aan", "om", "niet", "ook", "als", "bij", "door", "naar", "uit", "over",
		"dan", "maar", "wel", "nog", "al", "of", "tot", "hij", "zij", "ze", "wij", "we", "zich", "hun",
		"heeft", "hebben", "had", "hadden", "wordt", "worden", "werd", "werden", "zou", "zouden", "zal",
		"kan", "kunnen", "moet", "moeten", "deze", "dit", "daar", "hier", "geen", "meer", "volgens",
		"zegt", "zei", "zeggen", "zeiden", "verklaarde", "liet", "weten", "aldus", "tegen", "sinds",
		"tijdens", "onder", "omdat", "want", "toen", "nadat", "waarbij", "waarin", "echter", "alle",
	} {
		stopwords[w] = true
	}
}

// ContentWords are the stems of a text's topical words: four letters or more, no stopwords.
func ContentWords(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range Words(s) {
		f := fold(w.Text)
		if utf8.RuneCountInString(f) < 4 || stopwords[f] {
			continue
		}
		out[Stem(f)] = true
	}
	return out
}

// DisputeScore says how well a denial fits a claim: shared quantity
// categories weigh most, then shared content words.
func DisputeScore(denial, c claim.Claim) int {
	score := 0
	cats := map[string]bool{}
	for _, q := range c.Quantities {
		cats[q.Category] = true
	}
	for _, q := range denial.Quantities {
		if cats[q.Category] {
			score += 3
			delete(cats, q.Category)
		}
	}
	dw := ContentWords(denial.Content + " " + denial.Sentence)
	for w := range ContentWords(c.Content + " " + c.Sentence) {
		if dw[w] {
			score++
		}
	}
	return score
}

// Candidate is a stored claim that a denial may reject.
type Candidate struct {
	Claim claim.Claim
	Time  time.Time
}

// PickDisputes chooses which candidates (claims by the denial's target actor on
// other pages within DisputeWindow) a denial rejects: the best-scoring ones, at
// most MaxCrossDisputes; a lone candidate is taken even without overlap.
func PickDisputes(denial claim.Claim, at time.Time, cands []Candidate) []string {
	if len(cands) == 1 {
		return []string{cands[0].Claim.ID}
	}
	type scored struct {
		id    string
		score int
		dist  time.Duration
	}
	var s []scored
	for _, c := range cands {
		sc := DisputeScore(denial, c.Claim)
		if sc <= 0 {
			continue
		}
		d := at.Sub(c.Time)
		if d < 0 {
			d = -d
		}
		s = append(s, scored{c.Claim.ID, sc, d})
	}
	sort.Slice(s, func(i, j int) bool {
		if s[i].score != s[j].score {
			return s[i].score > s[j].score
		}
		if s[i].dist != s[j].dist {
			return s[i].dist < s[j].dist
		}
		return s[i].id < s[j].id
	})
	var out []string
	for i := 0; i < len(s) && i < MaxCrossDisputes; i++ {
		out = append(out, s[i].id)
	}
	return out
}
