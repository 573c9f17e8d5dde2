package nlp

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tokenize splits text into tokens.
// PLACEHOLDER: the real tokenizer replaces this file.
func Tokenize(text string) []Token {
	var toks []Token
	start := -1
	for i, r := range text {
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '\''
		if word {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			toks = append(toks, Token{Text: text[start:i], Start: start, End: i})
			start = -1
		}
		if !unicode.IsSpace(r) {
			n := utf8.RuneLen(r)
			toks = append(toks, Token{Text: text[i : i+n], Start: i, End: i + n})
		}
	}
	if start >= 0 {
		toks = append(toks, Token{Text: text[start:], Start: start, End: len(text)})
	}
	return toks
}

// Sentences splits text into sentences.
// PLACEHOLDER: the real splitter replaces this file.
func Sentences(text string) []Sentence {
	toks := Tokenize(text)
	var out []Sentence
	var cur []Token
	flush := func() {
		if len(cur) > 0 {
			out = append(out, Sentence{Start: cur[0].Start, End: cur[len(cur)-1].End, Tokens: cur})
			cur = nil
		}
	}
	for i, t := range toks {
		cur = append(cur, t)
		if strings.ContainsAny(t.Text, ".!?") || (i+1 < len(toks) && strings.Contains(text[t.End:toks[i+1].Start], "\n")) {
			flush()
		}
	}
	flush()
	return out
}
