package store

import (
	"slices"
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

// DisputeCandidates caps the claims a backend loads per denial (the nearest
// in time); it bounds the cost of a save.
const DisputeCandidates = 40

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

// ClaimWords are the content-word stems of a claim (content and sentence), sorted.
func ClaimWords(c claim.Claim) []string {
	m := ContentWords(c.Content + " " + c.Sentence)
	out := make([]string, 0, len(m))
	for w := range m {
		out = append(out, w)
	}
	sort.Strings(out)
	return out
}

// ClaimCategories are the distinct quantity categories of a claim, sorted.
func ClaimCategories(c claim.Claim) []string {
	var out []string
	for _, q := range c.Quantities {
		if q.Category != "" && !slices.Contains(out, q.Category) {
			out = append(out, q.Category)
		}
	}
	sort.Strings(out)
	return out
}

// DisputeScore says how well a denial fits a claim: shared quantity
// categories weigh most, then shared content words.
func DisputeScore(denial, c claim.Claim) int {
	return newDenialKey(denial).score(ClaimWords(c), ClaimCategories(c))
}

// denialKey is what a denial is matched on, computed once per denial.
type denialKey struct {
	words, cats map[string]bool
}

func newDenialKey(d claim.Claim) denialKey {
	k := denialKey{words: ContentWords(d.Content + " " + d.Sentence), cats: map[string]bool{}}
	for _, c := range ClaimCategories(d) {
		k.cats[c] = true
	}
	return k
}

func (k denialKey) score(words, cats []string) int {
	score := 0
	for _, c := range cats {
		if k.cats[c] {
			score += 3
		}
	}
	for _, w := range words {
		if k.words[w] {
			score++
		}
	}
	return score
}

// Candidate is a stored claim that a denial may reject.
type Candidate struct {
	Claim claim.Claim
	Time  time.Time
	// Words and Categories, when not nil, are ClaimWords and ClaimCategories
	// of Claim precomputed by the backend (so Claim needs only its ID).
	Words      []string
	Categories []string
}

// PickDisputes chooses which candidates (claims by the denial's target actor on
// other pages within DisputeWindow) a denial rejects: the best-scoring ones, at
// most MaxCrossDisputes, each sharing a quantity category or content word.
func PickDisputes(denial claim.Claim, at time.Time, cands []Candidate) []string {
	return pickDisputes(newDenialKey(denial), at, cands)
}

// PickDisputesWords is PickDisputes for a denial known by its precomputed
// ClaimWords and ClaimCategories.
func PickDisputesWords(dWords, dCats []string, at time.Time, cands []Candidate) []string {
	return pickDisputes(wordsKey(dWords, dCats), at, cands)
}

func pickDisputes(key denialKey, at time.Time, cands []Candidate) []string {
	type scored struct {
		id    string
		score int
		dist  time.Duration
	}
	var s []scored
	for _, c := range cands {
		words, cats := c.Words, c.Categories
		if words == nil {
			words, cats = ClaimWords(c.Claim), ClaimCategories(c.Claim)
		}
		sc := key.score(words, cats)
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

// ScoreWords is DisputeScore on precomputed ClaimWords and ClaimCategories
// of a denial (d…) and a claim (c…).
func ScoreWords(dWords, dCats, cWords, cCats []string) int {
	return wordsKey(dWords, dCats).score(cWords, cCats)
}

func wordsKey(dWords, dCats []string) denialKey {
	k := denialKey{words: make(map[string]bool, len(dWords)), cats: make(map[string]bool, len(dCats))}
	for _, w := range dWords {
		k.words[w] = true
	}
	for _, c := range dCats {
		k.cats[c] = true
	}
	return k
}
