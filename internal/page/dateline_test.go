package page

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseDateline(t *testing.T) {
	cases := []struct {
		in       string
		ok       bool
		places   []string
		agencies []string
		body     string
	}{
		{"KIEV (ANP/AFP/RTR) - Oekraïne zegt", true, []string{"KIEV"}, []string{"ANP", "AFP", "RTR"}, "Oekraïne zegt"},
		{"KYIV (ANP) - Tekst", true, []string{"KYIV"}, []string{"ANP"}, "Tekst"},
		{"TEHERAN/BAGDAD (ANP/DPA) - De", true, []string{"TEHERAN", "BAGDAD"}, []string{"ANP", "DPA"}, "De"},
		{"FORT WORTH (ANP) - De", true, []string{"FORT WORTH"}, []string{"ANP"}, "De"},
		{"GAZA-STAD (ANP/AFP/DPA) - Israël", true, []string{"GAZA-STAD"}, []string{"ANP", "AFP", "DPA"}, "Israël"},
		{"BOGOTÁ (ANP) - X", true, []string{"BOGOTÁ"}, []string{"ANP"}, "X"},
		{"GENÈVE (ANP) - X", true, []string{"GENÈVE"}, []string{"ANP"}, "X"},
		{"RIO DE JANEIRO (ANP/EFE) – X", true, []string{"RIO DE JANEIRO"}, []string{"ANP", "EFE"}, "X"},
		{"ST. JOHN'S (ANP) — X", true, []string{"ST. JOHN'S"}, []string{"ANP"}, "X"},
		{"'S-HERTOGENBOSCH (ANP) - X", true, []string{"'S-HERTOGENBOSCH"}, []string{"ANP"}, "X"},
		{"PARIJS / MADRID (ANP / AFP) - X", true, []string{"PARIJS", "MADRID"}, []string{"ANP", "AFP"}, "X"},
		{"WASHINGTON (ANP/RTR/AFP/DPA) ‒ X", true, []string{"WASHINGTON"}, []string{"ANP", "RTR", "AFP", "DPA"}, "X"},
		{"BRUSSEL (Belga) - X", true, []string{"BRUSSEL"}, []string{"Belga"}, "X"},
		{"BERLIJN (dpa) - X", true, []string{"BERLIJN"}, []string{"dpa"}, "X"},
		{"KIEV (ANP)- X", true, []string{"KIEV"}, []string{"ANP"}, "X"},
		{"CAÏRO\u00a0(ANP) - X", true, []string{"CAÏRO"}, []string{"ANP"}, "X"},
		{"LONDEN (ANP) - ", true, []string{"LONDEN"}, []string{"ANP"}, ""},
		// Not datelines.
		{"Het leger (IDF) - zegt", false, nil, nil, ""},
		{"De VS zijn aan de winnende hand.", false, nil, nil, ""},
		{"KIEV (ANP) Oekraïne zegt", false, nil, nil, ""},
		{"KIEV - Oekraïne zegt", false, nil, nil, ""},
		{"(ANP) - X", false, nil, nil, ""},
		{"", false, nil, nil, ""},
		{"KIEV (" + strings.Repeat("A", 500) + ") - X", false, nil, nil, ""},
	}
	for _, c := range cases {
		d, body, ok := ParseDateline(c.in)
		if ok != c.ok {
			t.Errorf("ParseDateline(%q) ok = %v, want %v", c.in, ok, c.ok)
			continue
		}
		if !ok {
			if body != c.in {
				t.Errorf("ParseDateline(%q) changed the text to %q", c.in, body)
			}
			continue
		}
		if diff := cmp.Diff(Dateline{Places: c.places, Agencies: c.agencies}, d); diff != "" {
			t.Errorf("ParseDateline(%q) (-want +got):\n%s", c.in, diff)
		}
		if body != c.body {
			t.Errorf("ParseDateline(%q) body = %q, want %q", c.in, body, c.body)
		}
	}
}

func TestParseAgePrefix(t *testing.T) {
	cases := []struct {
		in      string
		ok      bool
		age     string
		minutes int
		prec    string
		rest    string
	}{
		{"11 minuten geledenWASHINGTON (ANP) - De", true, "11 minuten geleden", 11, "minute", "WASHINGTON (ANP) - De"},
		{"1 uur geleden", true, "1 uur geleden", 60, "hour", ""},
		{"15 uur geleden", true, "15 uur geleden", 900, "hour", ""},
		{"1 minuut geleden", true, "1 minuut geleden", 1, "minute", ""},
		{"2 dagen geledenKIEV (ANP) - X", true, "2 dagen geleden", 2880, "day", "KIEV (ANP) - X"},
		{"1 dag geleden", true, "1 dag geleden", 1440, "day", ""},
		{"3 weken geleden", true, "3 weken geleden", 30240, "week", ""},
		{"1 week geleden", true, "1 week geleden", 10080, "week", ""},
		{"45 seconden geleden", true, "45 seconden geleden", 0, "second", ""},
		{"90 seconden geledenX", true, "90 seconden geleden", 1, "second", "X"},
		{"een uur geleden", true, "een uur geleden", 60, "hour", ""},
		{"twee uur geleden", true, "twee uur geleden", 120, "hour", ""},
		{"anderhalf uur geleden", true, "anderhalf uur geleden", 90, "hour", ""},
		{"een kwartier geleden", true, "een kwartier geleden", 15, "minute", ""},
		{"2 maanden geleden", true, "2 maanden geleden", 86400, "month", ""},
		{"zojuistKIEV (ANP) - X", true, "zojuist", 0, "minute", "KIEV (ANP) - X"},
		{"net", true, "net", 0, "minute", ""},
		{"netMOSKOU (ANP) - X", true, "net", 0, "minute", "MOSKOU (ANP) - X"},
		{"gisteren", true, "gisteren", 1440, "day", ""},
		{"GisterenBRUSSEL (ANP) - X", true, "Gisteren", 1440, "day", "BRUSSEL (ANP) - X"},
		{"eergisteren", true, "eergisteren", 2880, "day", ""},
		{"1 uur geleden KIEV (ANP) - X", true, "1 uur geleden", 60, "hour", "KIEV (ANP) - X"},
		// Not ages.
		{"netto 5 miljoen", false, "", 0, "", ""},
		{"Net als vorig jaar", false, "", 0, "", ""},
		{"gisteren werd bekend dat", false, "", 0, "", ""},
		{"2 dagen geleden werd een konvooi aangevallen.", false, "", 0, "", ""},
		{"11 minuten", false, "", 0, "", ""},
		{"WASHINGTON (ANP) - De", false, "", 0, "", ""},
		{"99999999999999999999 uur geleden", false, "", 0, "", ""},
	}
	for _, c := range cases {
		a, rest, ok := ParseAgePrefix(c.in)
		if ok != c.ok {
			t.Errorf("ParseAgePrefix(%q) ok = %v, want %v", c.in, ok, c.ok)
			continue
		}
		if !ok {
			continue
		}
		if a.Text != c.age || a.Minutes != c.minutes || a.Precision != c.prec || rest != c.rest {
			t.Errorf("ParseAgePrefix(%q) = %+v, %q; want {%q %d %q}, %q", c.in, a, rest, c.age, c.minutes, c.prec, c.rest)
		}
	}
}

func TestParseAgeSuffix(t *testing.T) {
	cases := []struct {
		in, age, rest string
		ok            bool
	}{
		{"Er vielen elf doden.12 minuten geleden", "12 minuten geleden", "Er vielen elf doden.", true},
		{"Hij zei: \"Nee\"3 uur geleden", "3 uur geleden", "Hij zei: \"Nee\"", true},
		{"Dat gebeurde 3 dagen geleden", "", "", false},
		{"Geen leeftijd.", "", "", false},
	}
	for _, c := range cases {
		a, rest, ok := parseAgeSuffix(c.in)
		if ok != c.ok || (ok && (a.Text != c.age || rest != c.rest)) {
			t.Errorf("parseAgeSuffix(%q) = %q, %q, %v; want %q, %q, %v", c.in, a.Text, rest, ok, c.age, c.rest, c.ok)
		}
	}
}

func TestIsSubheading(t *testing.T) {
	cases := map[string]bool{
		"Moskou ontkent":                         true,
		"Heroverd":                               true,
		"Scheepvaart mijdt Rode Zee":             true,
		"Dit is een gewone zin.":                 false,
		"Hij zei:":                               false,
		"kleine letter aan het begin":            false,
		"\"Citaat zonder punt\"":                 false,
		strings.Repeat("woord ", 12) + "einde":   false,
		"Het leger meldt dat er 40 doden vielen": true, // short and unpunctuated: a heading by shape
	}
	for in, want := range cases {
		if got := isSubheading(in); got != want {
			t.Errorf("isSubheading(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestParseSection(t *testing.T) {
	cases := map[string]string{
		"Meer uit Buitenland":      "Buitenland",
		"Meer uit Binnenland":      "Binnenland",
		"Meer over Oekraïne":       "Oekraïne",
		"Meer uit buitenland.":     "",
		"Meer uit":                 "",
		"Lees meer uit Buitenland": "",
	}
	for in, want := range cases {
		got, ok := parseSection(in)
		if ok != (want != "") || got != want {
			t.Errorf("parseSection(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestItemIDStable(t *testing.T) {
	d := &Dateline{Places: []string{"KIEV"}, Agencies: []string{"ANP"}}
	a := ItemID(d, "Oekraïne zegt  dat\nhet zo is.")
	if b := ItemID(&Dateline{Places: []string{"kiev"}, Agencies: []string{"anp"}}, "Oekraïne zegt dat het zo is."); a != b {
		t.Errorf("ids differ on case and spacing: %s vs %s", a, b)
	}
	if c := ItemID(d, "Oekraïne zegt dat het anders is."); a == c {
		t.Error("different text, same id")
	}
	if c := ItemID(nil, "Oekraïne zegt dat het zo is."); a == c {
		t.Error("different dateline, same id")
	}
	// The same brief on two pages with different ages is one item.
	p1 := "Meer uit Buitenland\nKIEV (ANP) - Een bericht.\n5 minuten geleden\n"
	p2 := "Meer uit Buitenland\nKIEV (ANP) - Een bericht.\n3 uur geleden\n"
	_, i1, err1 := Parse("a", []byte(p1), nil)
	_, i2, err2 := Parse("b", []byte(p2), nil)
	if err1 != nil || err2 != nil || len(i1) != 1 || len(i2) != 1 {
		t.Fatalf("parse: %v %v %d %d", err1, err2, len(i1), len(i2))
	}
	if i1[0].ID != i2[0].ID {
		t.Errorf("same brief, different ids: %s %s", i1[0].ID, i2[0].ID)
	}
	if *i1[0].Age == *i2[0].Age {
		t.Error("ages should differ")
	}
}
