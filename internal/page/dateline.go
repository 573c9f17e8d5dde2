package page

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// datelinePrefixMax bounds the bytes a dateline may take, so a huge line costs
// no more than a short one.
const datelinePrefixMax = 400

// ParseDateline splits "PLACE[/PLACE] (AGENCY[/AGENCY]) - body" into the
// dateline and the body. ok is false when s does not open with a dateline.
// A place is one to four capitalised words (KIEV, GAZA-STAD, FORT WORTH,
// 'S-HERTOGENBOSCH, ST. JOHN'S); there are one to six agencies; the dash may
// be any of the dash characters pages use. It is a hand-written scanner: it
// runs on every line of every page, and most lines fail at the first bytes.
func ParseDateline(s string) (d Dateline, body string, ok bool) {
	if s == "" {
		return Dateline{}, s, false
	}
	if c := s[0]; c < 'A' || c > 'Z' {
		// ASCII capital, apostrophe or a non-ASCII letter (ÉCHIROLLES) may open a place.
		if c != '\'' && c < 0x80 {
			return Dateline{}, s, false
		}
	}
	head := s
	if len(head) > datelinePrefixMax {
		head = head[:datelinePrefixMax]
	}
	open := strings.IndexByte(head, '(')
	if open <= 0 {
		return Dateline{}, s, false
	}
	closing := strings.IndexByte(head[open:], ')')
	if closing < 0 {
		return Dateline{}, s, false
	}
	closing += open
	places := splitSlash(head[:open])
	if len(places) == 0 || len(places) > 6 {
		return Dateline{}, s, false
	}
	for _, p := range places {
		if !isPlace(p) {
			return Dateline{}, s, false
		}
	}
	agencies := splitSlash(head[open+1 : closing])
	if !plausibleAgencies(agencies) {
		return Dateline{}, s, false
	}
	rest := strings.TrimLeftFunc(s[closing+1:], isSpace)
	r, size := utf8.DecodeRuneInString(rest)
	if !isDash(r) {
		return Dateline{}, s, false
	}
	return Dateline{Places: places, Agencies: agencies}, strings.TrimLeftFunc(rest[size:], isSpace), true
}

func isDash(r rune) bool {
	switch r {
	case '-', '‐', '‑', '‒', '–', '—', '―', '−':
		return true
	}
	return false
}

// isPlace: one to four words, each an optional apostrophe, a capital, then
// letters, marks, apostrophes, dots and hyphens; mostly capitals overall.
func isPlace(p string) bool {
	words := strings.Split(p, " ")
	if len(words) > 4 {
		return false
	}
	upper, lower := 0, 0
	for _, w := range words {
		w = strings.TrimPrefix(strings.TrimPrefix(w, "'"), "’")
		first := true
		for _, r := range w {
			switch {
			case unicode.IsUpper(r):
				upper++
			case first:
				return false
			case unicode.IsLower(r):
				lower++
			case unicode.IsLetter(r) || unicode.Is(unicode.M, r) || r == '\'' || r == '’' || r == '.' || r == '-':
			default:
				return false
			}
			first = false
		}
		if first {
			return false // empty word
		}
	}
	return upper > 0 && lower <= upper
}

func splitSlash(s string) []string {
	parts := strings.Split(s, "/")
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		p = strings.Join(strings.FieldsFunc(p, isSpace), " ")
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// plausibleAgencies wants short names that start with a capital (ANP, AFP,
// Belga) or are all lower case agency shorthands (dpa).
func plausibleAgencies(as []string) bool {
	if len(as) == 0 || len(as) > 6 {
		return false
	}
	for _, a := range as {
		if len(a) > 20 {
			return false
		}
		for i, r := range a {
			ok := unicode.IsLetter(r) || unicode.IsDigit(r) || (i > 0 && (r == '.' || r == '&' || r == '-'))
			if !ok {
				return false
			}
		}
		r, _ := utf8.DecodeRuneInString(a)
		if !unicode.IsUpper(r) && strings.ToLower(a) != a {
			return false
		}
	}
	return true
}

func isSpace(r rune) bool { return unicode.IsSpace(r) || r == '\u00a0' }

// Age is a brief's relative time as printed with its length in minutes and
// the unit it was printed in (its precision).
type Age struct {
	Text      string
	Minutes   int
	Precision string // second | minute | hour | day | week | month | year
}

var numberWords = map[string]float64{
	"een": 1, "één": 1, "1": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
	"zeven": 7, "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12,
	"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50,
	"anderhalf": 1.5, "anderhalve": 1.5, "half": 0.5, "halve": 0.5, "een half": 0.5, "een halve": 0.5,
}

type ageUnit struct {
	minutes   float64
	precision string
}

var ageUnits = map[string]ageUnit{
	"seconde": {1.0 / 60, "second"}, "seconden": {1.0 / 60, "second"}, "sec": {1.0 / 60, "second"},
	"minuut": {1, "minute"}, "minuten": {1, "minute"}, "min": {1, "minute"},
	"kwartier": {15, "minute"},
	"uur":      {60, "hour"}, "uren": {60, "hour"},
	"dag": {1440, "day"}, "dagen": {1440, "day"},
	"week": {10080, "week"}, "weken": {10080, "week"},
	"maand": {43200, "month"}, "maanden": {43200, "month"},
	"jaar": {525600, "year"}, "jaren": {525600, "year"},
}

var wordAges = map[string]Age{
	"zojuist":     {Minutes: 0, Precision: "minute"},
	"net":         {Minutes: 0, Precision: "minute"},
	"gisteren":    {Minutes: 1440, Precision: "day"},
	"eergisteren": {Minutes: 2880, Precision: "day"},
}

var (
	numAgeRE = regexp.MustCompile(`^(?i)(\d+|een half|een halve|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|twintig|dertig|veertig|vijftig|anderhalve|anderhalf|halve|half)[ \x{00A0}]+(seconden|seconde|sec|minuten|minuut|min|kwartier|uren|uur|dagen|dag|weken|week|maanden|maand|jaren|jaar)[ \x{00A0}]+geleden`)
	// "net" only in lower case: "Net" opens ordinary sentences.
	wordAgeRE = regexp.MustCompile(`^(?:(?i:zojuist|eergisteren|gisteren)|net)`)
)

// ParseAgePrefix reads an age at the start of s ("11 minuten geleden",
// "gisteren", "zojuist"), as scrapes glue it before the next brief. It only
// counts when the age ends the line or the next text is glued to it or is a
// dateline, so "2 dagen geleden werd ..." in a body is no age.
func ParseAgePrefix(s string) (a Age, rest string, ok bool) {
	if !mayBeAge(s) {
		return Age{}, s, false
	}
	if m := numAgeRE.FindStringSubmatchIndex(s); m != nil {
		num := strings.ToLower(s[m[2]:m[3]])
		unit := strings.ToLower(s[m[4]:m[5]])
		n, isWord := numberWords[num]
		if !isWord {
			v, err := strconv.Atoi(num)
			if err != nil || v > 1_000_000 {
				return Age{}, s, false
			}
			n = float64(v)
		}
		u := ageUnits[unit]
		a = Age{Text: s[:m[1]], Minutes: int(n * u.minutes), Precision: u.precision}
		if rest, ok := ageEnd(s[m[1]:]); ok {
			return a, rest, true
		}
		return Age{}, s, false
	}
	if m := wordAgeRE.FindStringIndex(s); m != nil {
		a = wordAges[strings.ToLower(s[:m[1]])]
		a.Text = s[:m[1]]
		if rest, ok := ageEnd(s[m[1]:]); ok {
			return a, rest, true
		}
	}
	return Age{}, s, false
}

// ageStarts are the lower-cased first letters an age can open with; most
// lines fail here before any regular expression runs.
const ageStarts = "0123456789eétdvzanhgkEÉTDVZANHGK"

func mayBeAge(s string) bool {
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune(ageStarts, r)
}

// ageEnd decides whether what follows an age lets it be one, and returns the rest.
func ageEnd(rest string) (string, bool) {
	if rest == "" {
		return "", true
	}
	r, _ := utf8.DecodeRuneInString(rest)
	if !isSpace(r) {
		// Glued: a lower-case letter means the word goes on ("netto").
		return rest, !unicode.IsLower(r)
	}
	trimmed := strings.TrimLeftFunc(rest, isSpace)
	if trimmed == "" {
		return "", true
	}
	if _, _, ok := ParseDateline(trimmed); ok {
		return trimmed, true
	}
	return rest, false
}

var ageSuffixRE = regexp.MustCompile(`(?i)[.!?"'”’»)](\d+[ \x{00A0}]+(?:seconden|seconde|minuten|minuut|uren|uur|dagen|dag|weken|week|maanden|maand)[ \x{00A0}]+geleden)$`)

// parseAgeSuffix reads an age glued to the end of a brief's last sentence
// ("... gedood.11 minuten geleden"), the other way scrapes join them.
func parseAgeSuffix(s string) (Age, string, bool) {
	if !strings.HasSuffix(s, "geleden") {
		return Age{}, s, false
	}
	tail := s
	if len(tail) > 64 {
		tail = tail[len(tail)-64:]
	}
	m := ageSuffixRE.FindStringSubmatchIndex(tail)
	if m == nil {
		return Age{}, s, false
	}
	cut := len(s) - len(tail) + m[2]
	a, _, ok := ParseAgePrefix(s[cut:])
	if !ok {
		return Age{}, s, false
	}
	return a, s[:cut], true
}

// publishedAt is captured − age, or nil when the capture time is unknown.
func publishedAt(captured *time.Time, a Age) *time.Time {
	if captured == nil {
		return nil
	}
	t := captured.Add(-time.Duration(a.Minutes) * time.Minute)
	return &t
}
