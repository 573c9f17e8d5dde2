package page

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// A place word is capitalised (KIEV, GAZA-STAD, 'S-HERTOGENBOSCH, ST.); a place is
// one to four such words; agencies are short tokens between slashes. The dash
// after the parenthesis may be any of the dash characters pages use.
var datelineRE = regexp.MustCompile(
	`^((?:['’]?\p{Lu}[\p{L}\p{M}'’.\-]*)(?:[ \x{00A0}](?:['’]?\p{Lu}[\p{L}\p{M}'’.\-]*)){0,3}` +
		`(?:[ \x{00A0}]*/[ \x{00A0}]*(?:['’]?\p{Lu}[\p{L}\p{M}'’.\-]*)(?:[ \x{00A0}](?:['’]?\p{Lu}[\p{L}\p{M}'’.\-]*)){0,3}){0,5})` +
		`[ \x{00A0}]*\(([\p{L}\d][\p{L}\d.&\-]{0,19}(?:[ \x{00A0}]*/[ \x{00A0}]*[\p{L}\d][\p{L}\d.&\-]{0,19}){0,5})\)` +
		`[ \x{00A0}]*[-‐‑‒–—―−][ \x{00A0}]*`)

// datelinePrefixMax bounds the bytes the dateline pattern looks at, so a huge
// line costs no more than a short one.
const datelinePrefixMax = 400

// ParseDateline splits "PLACE[/PLACE] (AGENCY[/AGENCY]) - body" into the
// dateline and the body. ok is false when s does not open with a dateline.
func ParseDateline(s string) (d Dateline, body string, ok bool) {
	head := s
	if len(head) > datelinePrefixMax {
		head = head[:datelinePrefixMax]
	}
	m := datelineRE.FindStringSubmatchIndex(head)
	if m == nil {
		return Dateline{}, s, false
	}
	places := splitSlash(head[m[2]:m[3]])
	agencies := splitSlash(head[m[4]:m[5]])
	if !plausiblePlaces(places) || !plausibleAgencies(agencies) {
		return Dateline{}, s, false
	}
	return Dateline{Places: places, Agencies: agencies}, s[m[1]:], true
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

// plausiblePlaces wants every place mostly in capitals, as datelines print them,
// so that a capitalised sentence opening like "Het leger (IDF) - " is no dateline.
func plausiblePlaces(ps []string) bool {
	if len(ps) == 0 {
		return false
	}
	for _, p := range ps {
		upper, lower := 0, 0
		for _, r := range p {
			switch {
			case unicode.IsUpper(r):
				upper++
			case unicode.IsLower(r):
				lower++
			}
		}
		if upper == 0 || lower > upper {
			return false
		}
	}
	return true
}

// plausibleAgencies wants short names that start with a capital (ANP, AFP,
// Belga) or are all lower case agency shorthands (dpa).
func plausibleAgencies(as []string) bool {
	if len(as) == 0 || len(as) > 6 {
		return false
	}
	for _, a := range as {
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
