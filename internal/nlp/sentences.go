package nlp

import (
	"strings"
	"unicode/utf8"
)

// Sentences splits text into sentences. A newline always ends a sentence, so
// paragraphs and headline-like lines without final punctuation stand alone.
// Within a line a sentence ends at . ? ! or an ellipsis (with any closing quotes
// or brackets glued to it) when the next token can start a sentence; an
// abbreviation ends one only if it may close a list (enz., etc.) and a capital follows.
func Sentences(text string) []Sentence {
	toks := Tokenize(text)
	out := make([]Sentence, 0, len(toks)/15+1)
	start := 0
	emit := func(last int) {
		if last < start {
			return
		}
		ts := toks[start : last+1 : last+1]
		out = append(out, Sentence{Start: ts[0].Start, End: ts[len(ts)-1].End, Tokens: ts})
		start = last + 1
	}
	dq := 0 // straight double quotes seen on this line, to tell closing from opening ones
	for k := 0; k < len(toks); k++ {
		if k > 0 && hasNewline(text[toks[k-1].End:toks[k].Start]) {
			dq = 0
			if k > start {
				emit(k - 1)
			}
		}
		t := toks[k].Text
		if t == "\"" {
			dq++
		}
		term := isTerminal(t)
		abbr := !term && len(t) > 1 && t[len(t)-1] == '.' && canEndSentence(t)
		if !term && !abbr {
			continue
		}
		// Closing quotes and brackets glued to the terminal belong to this sentence.
		e := k
		for e+1 < len(toks) && isCloser(toks[e+1].Text) {
			nt := toks[e+1].Text
			glued := toks[e+1].Start == toks[e].End && !hasNewline(text[toks[e].End:toks[e+1].Start])
			// '' only closes; a spaced " closes when a quotation is open.
			if !glued && nt != "''" && !(nt == "\"" && dq%2 == 1) {
				break
			}
			if nt == "\"" {
				dq++
			}
			e++
		}
		if e+1 >= len(toks) {
			k = e
			continue
		}
		next := toks[e+1]
		if hasNewline(text[toks[e].End:next.Start]) {
			k = e
			continue // the newline check ends it
		}
		if startsSentence(next.Text, toks, e+1, abbr) {
			emit(e)
		}
		k = e
	}
	emit(len(toks) - 1)
	return out
}

func hasNewline(gap string) bool {
	return strings.IndexByte(gap, '\n') >= 0 || strings.Contains(gap, "\u2028") || strings.Contains(gap, "\u2029")
}

// isTerminal reports whether t is sentence-final punctuation: . ? ! … and runs of them.
func isTerminal(t string) bool {
	if t == "" {
		return false
	}
	for _, r := range t {
		if r != '.' && r != '?' && r != '!' && r != '…' {
			return false
		}
	}
	return true
}

// isCloser reports whether t closes a quotation or bracket.
func isCloser(t string) bool {
	switch t {
	case "\"", "'", "''", "’", "”", "»", ")", "]", "’’":
		return true
	}
	return false
}

// isOpener reports whether t opens a quotation or bracket.
func isOpener(t string) bool {
	switch t {
	case "\"", "'", ",,", "„", "“", "‘", "«", "(", "[", "``":
		return true
	}
	return false
}

// startsSentence reports whether the token at k can begin a new sentence.
func startsSentence(t string, toks []Token, k int, afterAbbrev bool) bool {
	r, _ := utf8.DecodeRuneInString(t)
	switch {
	case isUpper(r):
		return true
	case afterAbbrev:
		return false
	case isDigit(r):
		return true
	case isOpener(t):
		return true
	case t == "-" || t == "–" || t == "—" || t == "•" || t == "*":
		return true
	case strings.HasPrefix(t, "'") || strings.HasPrefix(t, "’"):
		// 's Avonds, 't Is: an elided article that starts a sentence.
		return len(t) > 1
	}
	return false
}
