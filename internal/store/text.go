package store

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/dutch"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Word is one word of a text with its byte offsets.
type Word struct {
	Text       string
	Start, End int
}

// Words splits s into words: runs of letters and digits (hyphens and
// apostrophes split words, so "EU-landen" gives "EU" and "landen").
func Words(s string) []Word {
	var out []Word
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, Word{s[start:i], start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, Word{s[start:], start, len(s)})
	}
	return out
}

// fold lowercases and removes diacritics ("Oekraïne" → "oekraine").
func fold(w string) string {
	w = strings.ToLower(w)
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return w
	}
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	if s, _, err := transform.String(t, w); err == nil {
		return s
	}
	return w
}

// Stem is the Dutch Snowball stem of one word, case and diacritics folded
// ("aanvallen" → "aanval").
//
// Snowball Dutch alone leaves some inflections apart ("aanvallen" → "aanvall",
// "havens" → "haven" but "haven" → "hav", "grenzen" → "grenz"), so the
// result is normalised: a final double consonant is undoubled, a final z
// becomes s, and stemming repeats (at most twice more) while that changes it.
func Stem(w string) string {
	w = fold(w)
	for range 3 {
		env := snowballstem.NewEnv(w)
		dutch.Stem(env)
		s := normalizeStem(env.Current())
		if s == w {
			break
		}
		w = s
	}
	return w
}

func normalizeStem(s string) string {
	n := len(s)
	if n < 3 {
		return s
	}
	if s[n-1] == 'z' {
		return s[:n-1] + "s"
	}
	if c := s[n-1]; c == s[n-2] && c >= 'a' && c <= 'z' && !strings.ContainsRune("aeiouy", rune(c)) {
		return s[:n-1]
	}
	return s
}

// StemText is the text as space-separated stems: what the SQLite FTS index
// holds, since modernc cannot register an FTS5 tokenizer.
func StemText(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		for _, w := range Words(p) {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(Stem(w.Text))
		}
	}
	return b.String()
}

// QueryTerms are the distinct stems of a free-text query, in order.
func QueryTerms(q string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range Words(q) {
		s := Stem(w.Text)
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

// snippetWords is the window size of a snippet in words.
const snippetWords = 32

// Snippet cuts a window of text around the words whose stems are in terms,
// HTML-escapes it and puts <mark>…</mark> around each match. Without a match it
// gives the opening words. "…" marks cut ends.
func Snippet(text string, terms []string) string {
	words := Words(text)
	if len(words) == 0 {
		return html.EscapeString(text)
	}
	want := make(map[string]bool, len(terms))
	for _, t := range terms {
		want[t] = true
	}
	hit := make([]bool, len(words))
	for i, w := range words {
		hit[i] = want[Stem(w.Text)]
	}
	// Slide a window and keep the one with most hits (earliest on ties).
	best, bestN, n := 0, -1, 0
	for i := range words {
		if hit[i] {
			n++
		}
		if i >= snippetWords && hit[i-snippetWords] {
			n--
		}
		if i >= snippetWords-1 || i == len(words)-1 {
			if n > bestN {
				bestN, best = n, max(0, i-snippetWords+1)
			}
		}
	}
	// Start the window a few words before the first hit, for context.
	for i := best; i < min(len(words), best+snippetWords); i++ {
		if hit[i] {
			best = max(0, i-6)
			break
		}
	}
	end := min(len(words), best+snippetWords)
	from, to := words[best].Start, words[end-1].End
	if best == 0 {
		from = 0
	}
	if end == len(words) {
		to = len(text)
	}
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	pos := from
	for i := best; i < end; i++ {
		if !hit[i] {
			continue
		}
		w := words[i]
		b.WriteString(html.EscapeString(text[pos:w.Start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[w.Start:w.End]))
		b.WriteString("</mark>")
		pos = w.End
	}
	b.WriteString(html.EscapeString(text[pos:to]))
	if to < len(text) {
		b.WriteString("…")
	}
	return strings.TrimSpace(b.String())
}
