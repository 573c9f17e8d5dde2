package claim

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tok is one token of a sentence, with byte offsets in the item text.
type tok struct {
	text, low  string
	start, end int
	kind       byte // 'w' word, 'q' quote mark, 'p' other punctuation
	cap        bool // word starting with an upper-case letter
	open       bool // quote mark that opens a quotation
}

func (t tok) is(s string) bool  { return t.kind == 'w' && t.low == s }
func (t tok) punct(c byte) bool { return t.kind == 'p' && len(t.text) == 1 && t.text[0] == c }

// sent is one sentence of an item.
type sent struct {
	start, end int
	toks       []tok
	para       int  // paragraph number in the item
	inQuote    bool // the sentence starts inside a quotation opened earlier
}

func isQuoteRune(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '«', '»', '‟':
		return true
	}
	return false
}

// tokenize splits text[from:to] into tokens. inQuote carries the quotation state
// across sentences of a paragraph; the state after the span is returned.
func tokenize(text string, from, to int, inQuote bool, buf []tok) ([]tok, bool) {
	i := from
	for i < to {
		r, n := utf8.DecodeRuneInString(text[i:to])
		switch {
		case unicode.IsSpace(r) || r == '\u00a0':
			i += n
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i + n
			for j < to {
				r2, n2 := utf8.DecodeRuneInString(text[j:to])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) || unicode.Is(unicode.Mn, r2) {
					j += n2
					continue
				}
				// Joiners inside a word: NAVO-landen, zo’n, al-Maliki, 700.000, 1,5.
				if (r2 == '-' || r2 == '\'' || r2 == '’' || r2 == '.' || r2 == ',') && j+n2 < to {
					r3, _ := utf8.DecodeRuneInString(text[j+n2 : to])
					if r2 == '.' || r2 == ',' {
						if unicode.IsDigit(r3) && unicode.IsDigit(lastRune(text[i:j])) {
							j += n2
							continue
						}
						break
					}
					if unicode.IsLetter(r3) || unicode.IsDigit(r3) {
						j += n2
						continue
					}
				}
				break
			}
			w := text[i:j]
			first, _ := utf8.DecodeRuneInString(w)
			buf = append(buf, tok{text: w, low: toLower(w), start: i, end: j, kind: 'w', cap: unicode.IsUpper(first)})
			i = j
		case isQuoteRune(r):
			open := false
			switch r {
			case '“', '„', '«', '‟':
				open = true
			case '”', '»':
				open = false
			default:
				open = !inQuote
			}
			inQuote = open
			buf = append(buf, tok{text: text[i : i+n], low: text[i : i+n], start: i, end: i + n, kind: 'q', open: open})
			i += n
		default:
			buf = append(buf, tok{text: text[i : i+n], low: text[i : i+n], start: i, end: i + n, kind: 'p'})
			i += n
		}
	}
	return buf, inQuote
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// toLower avoids the allocation of strings.ToLower for words already in lower case.
func toLower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf {
			return strings.ToLower(s)
		}
	}
	return s
}
