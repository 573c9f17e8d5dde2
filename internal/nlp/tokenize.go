package nlp

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tokenize splits Dutch text into tokens. It follows the UD Dutch (Alpino/Lassy)
// conventions: hyphenated compounds, elided forms (zo'n, auto's, 's-Hertogenbosch),
// numbers in Dutch notation (1.250, 3,5, 20:30, 5%), known abbreviations and
// initials keep their period, and quotes and brackets are split off.
// Every token's Text equals text[Start:End].
func Tokenize(text string) []Token {
	toks := make([]Token, 0, len(text)/5+1)
	return appendTokens(toks, text, 0, len(text))
}

// appendTokens tokenizes text[from:to].
func appendTokens(toks []Token, text string, from, to int) []Token {
	i := from
	for i < to {
		r, n := decode(text, i, to)
		if isSpace(r) {
			i += n
			continue
		}
		end := scanToken(text, i, to, r, n)
		toks = append(toks, Token{Text: text[i:end], Start: i, End: end})
		i = end
	}
	return toks
}

// decode returns the rune at i (bounded by to) and its width.
func decode(s string, i, to int) (rune, int) {
	if i >= to {
		return utf8.RuneError, 0
	}
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:to])
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f', 0xA0, 0x200B, 0xFEFF:
		return true
	}
	if r < utf8.RuneSelf {
		return false
	}
	return unicode.IsSpace(r)
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= '0' && r <= '9'
	}
	return unicode.IsNumber(r) // also ² and ½
}

func isAlnum(r rune) bool { return isLetter(r) || isDigit(r) }

func isApos(r rune) bool { return r == '\'' || r == '’' || r == '`' }

// scanToken returns the end of the token that starts at i with rune r (width n).
func scanToken(s string, i, to int, r rune, n int) int {
	if e := scanURL(s, i, to); e > i {
		return e
	}
	switch {
	case isAlnum(r):
		return scanWord(s, i, to)
	case isApos(r):
		// 's, 't, 'n, 'r and decades ('30) are words; otherwise a quote mark.
		if e := scanElision(s, i+n, to); e > 0 {
			return e
		}
		if r == '\'' && i+1 < to && s[i+1] == '\'' {
			return i + 2 // '' closing quote
		}
		return i + n
	case r == '.':
		j := i
		for j < to && s[j] == '.' {
			j++
		}
		return j // . or ... (or longer)
	case r == ',':
		if i+1 < to && s[i+1] == ',' {
			return i + 2 // ,, opening quote
		}
		return i + 1
	case r == '-':
		if i+1 < to && s[i+1] == '-' {
			return i + 2
		}
		// -ie: the spoken clitic "hij" (krijgt -ie).
		if strings.HasPrefix(s[i:to], "-ie") && (i+3 == to || !isAlnum(rune(s[i+3]))) && (i == 0 || isSpace(rune(s[i-1]))) {
			return i + 3
		}
		return i + 1
	case r == '?' || r == '!':
		j := i
		for j < to && (s[j] == '?' || s[j] == '!') {
			j++
		}
		return j
	}
	return i + n
}

// scanElision recognises 's, 't, 'n, 'r, 'm, 'k and decades after an apostrophe at j.
// It returns the token end, or 0.
func scanElision(s string, j, to int) int {
	if j >= to {
		return 0
	}
	c := s[j]
	if c >= '0' && c <= '9' {
		if j+1 < to && s[j+1] >= '0' && s[j+1] <= '9' {
			r, _ := decode(s, j+2, to)
			if j+2 >= to || !isAlnum(r) {
				return j + 2
			}
		}
		return 0
	}
	switch c {
	case 's', 't', 'n', 'r', 'm', 'k', 'S', 'T':
	default:
		return 0
	}
	r, _ := decode(s, j+1, to)
	if j+1 < to && r == '-' {
		// 's-Hertogenbosch, 's-Gravenhage: one token with the rest.
		r2, _ := decode(s, j+2, to)
		if isLetter(r2) {
			return scanWord(s, j+2, to)
		}
	}
	if j+1 >= to || !isAlnum(r) && !isApos(r) {
		return j + 1
	}
	return 0
}

// scanURL recognises URLs starting at i and returns their end, or i.
func scanURL(s string, i, to int) int {
	rest := s[i:to]
	if !(strings.HasPrefix(rest, "http://") || strings.HasPrefix(rest, "https://") || strings.HasPrefix(rest, "www.")) {
		return i
	}
	j := i
	for j < to {
		r, n := decode(s, j, to)
		if isSpace(r) || r == '"' || r == '<' || r == '>' || r == '”' || r == '“' {
			break
		}
		j += n
	}
	// Trailing punctuation belongs to the sentence, not the URL.
	for j > i {
		r, n := utf8.DecodeLastRuneInString(s[i:j])
		if strings.ContainsRune(".,;:!?)'’]", r) {
			j -= n
			continue
		}
		break
	}
	if j-i <= 4 {
		return i
	}
	return j
}

// scanWord scans a word starting at i (an alphanumeric rune) with its internal
// connectors, then decides whether a following period belongs to it.
func scanWord(s string, i, to int) int {
	j := i
	allDigits := true // only digits so far
	numeric := true   // only digits and . , : so far (1.250,5 20:30)
	periods := 0      // internal periods, for o.a, d.w.z, V.S
	hasAt := false    // an e-mail address
	for j < to {
		r, n := decode(s, j, to)
		if isAlnum(r) {
			if !isDigit(r) {
				allDigits, numeric = false, false
			}
			j += n
			continue
		}
		if r != '.' && r != ',' && r != ':' && r != '%' {
			numeric = false
		}
		if r == '\u00AD' { // soft hyphen
			j += n
			continue
		}
		next, nn := decode(s, j+n, to)
		prev, _ := utf8.DecodeLastRuneInString(s[i:j])
		switch r {
		case '-', '‐', '‑':
			if isAlnum(next) {
				j += n
				continue
			}
			// land- en tuinbouw: a hyphen that ends a truncated compound.
			if isLetter(prev) && (nn == 0 || isSpace(next) || next == ',' || next == '/') {
				return j + n
			}
		case '.':
			if isAlnum(next) && !(isLower(prev) && isUpper(next)) {
				// 1.250, o.a, www.nos.nl; but not "zei hij.Daarna" style run-ons of long words.
				if isDigit(prev) && isDigit(next) || shortWord(s, i, j) || periods > 0 || hasAt || isLower(next) && hasDotTail(s, j+n, to) {
					j += n
					periods++
					continue
				}
			}
		case ',', ':':
			if isDigit(prev) && isDigit(next) && numeric {
				j += n
				continue
			}
		case '\'', '’':
			if isLetter(prev) && isLetter(next) {
				j += n
				continue
			}
		case '&', '/', '@', '_':
			if isAlnum(next) {
				hasAt = hasAt || r == '@'
				j += n
				continue
			}
		case '%':
			if isDigit(prev) && numeric {
				return j + n
			}
		}
		break
	}
	// A period right after the word: keep it for abbreviations, initials and o.a.-style forms.
	if j < to && s[j] == '.' && !(j+1 < to && s[j+1] == '.') {
		w := s[i:j]
		if periods > 0 && !allDigits && dottedAbbrev(w) || !allDigits && isAbbrev(w) {
			return j + 1
		}
	}
	return j
}

// hasDotTail reports whether a dotted lower-case abbreviation continues at j (o.a., z.g.a.n.).
func hasDotTail(s string, j, to int) bool {
	k := j
	for k < to && k-j < 4 {
		r, n := decode(s, k, to)
		if !isLetter(r) {
			break
		}
		k += n
	}
	return k > j && k-j <= 2 && k < to && s[k] == '.'
}

func isLower(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z'
	}
	return unicode.IsLower(r)
}

func isUpper(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'A' && r <= 'Z'
	}
	return unicode.IsUpper(r)
}

// shortWord reports whether s[i:j] has at most three runes.
func shortWord(s string, i, j int) bool {
	return j-i <= 12 && utf8.RuneCountInString(s[i:j]) <= 3
}

// dottedAbbrev reports whether w looks like o.a, d.w.z, V.S: short letter groups between periods.
func dottedAbbrev(w string) bool {
	for _, part := range strings.Split(w, ".") {
		if part == "" || utf8.RuneCountInString(part) > 3 {
			return false
		}
	}
	return true
}

// isAbbrev reports whether w (without its period) is a known abbreviation or an initial.
func isAbbrev(w string) bool {
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return isLetter(r) // initials: J. Kennedy; single-letter abbreviations: v., a.
	}
	if _, ok := abbrevs[w]; ok {
		return true
	}
	// Titles and the like are also written capitalised (Dr., Mr., Prof.).
	lw := strings.ToLower(w)
	if a, ok := abbrevs[lw]; ok {
		return !a.lowerOnly
	}
	return false
}

type abbrev struct {
	lowerOnly bool // only in lower case: "jan." but not the name "Jan."
	canEnd    bool // may end a sentence (enz., etc.) when a capital follows
}

// abbrevs are Dutch abbreviations written with a final period (without it here).
var abbrevs = map[string]abbrev{
	"dhr": {}, "mr": {}, "mevr": {}, "mw": {}, "drs": {}, "dr": {}, "ir": {}, "ing": {}, "prof": {},
	"ds": {}, "mgr": {}, "mej": {}, "st": {}, "sr": {canEnd: true}, "jr": {canEnd: true}, "fa": {},
	"jan": {lowerOnly: true}, "feb": {lowerOnly: true}, "febr": {lowerOnly: true}, "mrt": {lowerOnly: true},
	"apr": {lowerOnly: true}, "jun": {lowerOnly: true}, "jul": {lowerOnly: true}, "aug": {lowerOnly: true},
	"sep": {lowerOnly: true}, "sept": {lowerOnly: true}, "okt": {lowerOnly: true}, "nov": {lowerOnly: true},
	"dec": {lowerOnly: true},
	"blz": {}, "bijv": {}, "bv": {lowerOnly: true}, "ca": {}, "nr": {}, "nrs": {}, "enz": {canEnd: true},
	"etc": {canEnd: true}, "vs": {lowerOnly: true}, "resp": {}, "incl": {}, "excl": {}, "evt": {}, "ong": {},
	"vgl": {}, "zgn": {}, "zg": {}, "afd": {}, "gen": {lowerOnly: true}, "lt": {lowerOnly: true},
	"kol": {lowerOnly: true}, "maj": {lowerOnly: true}, "kap": {lowerOnly: true}, "sgt": {}, "plv": {},
	"wnd": {}, "tel": {lowerOnly: true}, "art": {lowerOnly: true}, "hfdst": {}, "red": {lowerOnly: true},
	"chr": {canEnd: true}, "mln": {}, "mld": {}, "mrd": {}, "pct": {}, "gem": {lowerOnly: true},
	"ged": {lowerOnly: true}, "vnl": {}, "adv": {lowerOnly: true},

	"jl":   {lowerOnly: true},
	"aanv": {}, "alg": {}, "ath": {}, "bc": {}, "fr": {lowerOnly: true},
	"gebr": {}, "hr": {}, "inl": {}, "kath": {}, "mil": {lowerOnly: true},
	"mgrs": {}, "ned": {lowerOnly: true},
	"pag": {}, "pl": {lowerOnly: true}, "prov": {}, "sec": {lowerOnly: true},
	"uitg": {}, "vert": {}, "vlg": {}, "vz": {}, "z": {}, "zgh": {}, "gr": {lowerOnly: true},
}

// canEndSentence reports whether an abbreviation token (with its period) may end a sentence.
func canEndSentence(tok string) bool {
	w := strings.TrimSuffix(tok, ".")
	if a, ok := abbrevs[strings.ToLower(w)]; ok {
		return a.canEnd
	}
	if strings.Contains(w, ".") {
		// e.d., e.a., o.i.d., e.v.: lists that can close a sentence; V.S. likewise.
		switch strings.ToLower(w) {
		case "e.d", "e.a", "o.i.d", "e.v", "c.s", "a.s", "j.l", "d.w.z":
			return strings.ToLower(w) != "d.w.z"
		}
		// Initials (J.F.) go with the name that follows; V.S.-style acronyms may end a sentence.
		for _, part := range strings.Split(w, ".") {
			if utf8.RuneCountInString(part) > 1 {
				r, _ := utf8.DecodeRuneInString(w)
				return isUpper(r)
			}
		}
		return false
	}
	return false
}
