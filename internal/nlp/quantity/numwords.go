package quantity

import (
	"strconv"
	"strings"
)

// smallNumbers are the Dutch number words below twenty.
var smallNumbers = map[string]int{
	"nul": 0, "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
	"acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14,
	"vijftien": 15, "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19,
}

// tens are the Dutch tens from twenty up, in the order they are tried as suffixes.
var tens = []struct {
	word  string
	value int
}{
	{"twintig", 20}, {"dertig", 30}, {"veertig", 40}, {"vijftig", 50}, {"zestig", 60},
	{"zeventig", 70}, {"tachtig", 80}, {"negentig", 90},
}

// ParseNumberWord parses a Dutch cardinal number word: "tachtig", "drieënveertig",
// "honderdvijftig", "tweeduizenddriehonderd", "anderhalf", "tweeënhalf". Words that
// are written apart ("zes miljoen") are combined by the extractor, not here.
// Ordinals ("tweede"), ages ("vijfjarige") and other words give ok=false.
func ParseNumberWord(w string) (float64, bool) {
	w = strings.ToLower(w)
	if w == "" || !strings.ContainsRune("netdvzahé", rune(w[0])) && !strings.HasPrefix(w, "é") {
		return 0, false // no Dutch number word starts otherwise
	}
	w = foldE(w)
	switch w {
	case "anderhalf", "anderhalve":
		return 1.5, true
	case "half", "halve":
		return 0.5, true
	}
	if base, ok := strings.CutSuffix(w, "enhalf"); ok {
		if n, ok := parseCardinal(base); ok && n > 0 && n < 1000 {
			return float64(n) + 0.5, true
		}
		return 0, false
	}
	n, ok := parseCardinal(w)
	return float64(n), ok
}

// parseCardinal parses a whole cardinal below a million, compounded the Dutch way.
func parseCardinal(w string) (int, bool) {
	if w == "" {
		return 0, false
	}
	if i := strings.Index(w, "duizend"); i >= 0 {
		left, right := w[:i], w[i+len("duizend"):]
		mult := 1
		if left != "" {
			m, ok := parseBelowThousand(left)
			if !ok || m == 0 {
				return 0, false
			}
			mult = m
		}
		rest, ok := parseRest(right, 1000)
		if !ok {
			return 0, false
		}
		return mult*1000 + rest, true
	}
	return parseBelowThousand(w)
}

// parseRest parses what follows honderd/duizend: empty, or an optional "en" and a number below limit.
func parseRest(w string, limit int) (int, bool) {
	if w == "" {
		return 0, true
	}
	n, ok := parseBelowThousand(w)
	if !ok {
		// honderdentwee: an old-fashioned "en" after honderd/duizend.
		if r, cut := strings.CutPrefix(w, "en"); cut && r != "" {
			n, ok = parseBelowThousand(r)
		}
	}
	if !ok || n >= limit || n == 0 {
		return 0, false
	}
	return n, true
}

func parseBelowThousand(w string) (int, bool) {
	if i := strings.Index(w, "honderd"); i >= 0 {
		left, right := w[:i], w[i+len("honderd"):]
		mult := 1
		if left != "" {
			m, ok := parseBelowHundred(left)
			// negentienhonderd (1900) is allowed; the extractor drops years.
			if !ok || m == 0 || m == 1 && left != "een" && left != "één" {
				return 0, false
			}
			mult = m
		}
		rest, ok := parseRest(right, 100)
		if !ok {
			return 0, false
		}
		return mult*100 + rest, true
	}
	return parseBelowHundred(w)
}

func parseBelowHundred(w string) (int, bool) {
	if n, ok := smallNumbers[w]; ok {
		return n, true
	}
	for _, t := range tens {
		prefix, ok := strings.CutSuffix(w, t.word)
		if !ok {
			continue
		}
		if prefix == "" {
			return t.value, true
		}
		// eenentwintig, drieënveertig (ë already folded to e).
		unit, ok := strings.CutSuffix(prefix, "en")
		if !ok {
			return 0, false
		}
		u, ok := smallNumbers[unit]
		if !ok || u < 1 || u > 9 {
			return 0, false
		}
		return u + t.value, true
	}
	return 0, false
}

// ParseDigits parses a number written in digits in Dutch notation: "700.000",
// "1,5", "1.250,75", "3700". A period followed by groups of exactly three digits
// separates thousands; otherwise a lone period is read as a decimal point.
func ParseDigits(s string) (float64, bool) {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return 0, false
	}
	intPart, frac, hasComma := strings.Cut(s, ",")
	if hasComma && (frac == "" || strings.ContainsAny(frac, ".,")) {
		return 0, false
	}
	groups := strings.Split(intPart, ".")
	var b strings.Builder
	switch {
	case len(groups) == 1:
		b.WriteString(intPart)
	case thousandGroups(groups):
		for _, g := range groups {
			b.WriteString(g)
		}
	case len(groups) == 2 && !hasComma:
		b.WriteString(groups[0] + "." + groups[1]) // 3.5 written the English way
	default:
		return 0, false
	}
	if hasComma {
		b.WriteString("." + frac)
	}
	for _, c := range b.String() {
		if (c < '0' || c > '9') && c != '.' {
			return 0, false
		}
	}
	v, err := strconv.ParseFloat(b.String(), 64)
	if err != nil {
		return 0, false
	}
	return v, true
}

// thousandGroups reports whether groups look like 1.250.000: a first group of
// one to three digits, then groups of exactly three.
func thousandGroups(groups []string) bool {
	if len(groups[0]) == 0 || len(groups[0]) > 3 {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true
}

// foldE replaces ë, é and è by e (drieënveertig, één).
func foldE(w string) string {
	if !strings.ContainsAny(w, "ëéè") {
		return w
	}
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		switch r {
		case 'ë', 'é', 'è':
			r = 'e'
		}
		b.WriteRune(r)
	}
	return b.String()
}
