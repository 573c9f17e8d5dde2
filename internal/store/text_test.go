package store

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"wirewatch/internal/claim"
	"wirewatch/internal/nlp/quantity"
)

func TestStemMergesInflections(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"aanval", "aanvallen"},
		{"haven", "havens"},
		{"grens", "grenzen"},
		{"soldaat", "soldaten"},
		{"minister", "ministers"},
		{"Oekraïne", "oekraine"},
		{"DODEN", "dode"},
	} {
		if Stem(tc.a) != Stem(tc.b) {
			t.Errorf("Stem(%q) = %q, Stem(%q) = %q; want equal", tc.a, Stem(tc.a), tc.b, Stem(tc.b))
		}
	}
	for _, tc := range []struct{ a, b string }{{"aanval", "haven"}, {"leger", "regering"}} {
		if Stem(tc.a) == Stem(tc.b) {
			t.Errorf("Stem(%q) == Stem(%q) = %q", tc.a, tc.b, Stem(tc.a))
		}
	}
}

func TestQueryTerms(t *testing.T) {
	got := strings.Join(QueryTerms(`Aanvallen, "aanval" op havens!`), " ")
	if got != Stem("aanval")+" "+Stem("op")+" "+Stem("haven") {
		t.Errorf("QueryTerms = %q", got)
	}
	if len(QueryTerms(`"" -- !!`)) != 0 {
		t.Error("punctuation gave terms")
	}
}

func TestSnippet(t *testing.T) {
	long := strings.Repeat("woord ", 60)
	for _, tc := range []struct {
		name, text string
		terms      []string
		want       []string // substrings
		not        []string
	}{
		{"mark and escape", "De <aanval> op A&B was zwaar.", QueryTerms("aanvallen"), []string{"&lt;<mark>aanval</mark>&gt;", "A&amp;B"}, []string{"<aanval>"}},
		{"window", long + "de aanval begon " + long, QueryTerms("aanval"), []string{"…", "<mark>aanval</mark>"}, nil},
		{"no match", "Een rustige dag.", QueryTerms("oorlog"), []string{"Een rustige dag."}, []string{"<mark>"}},
		{"diacritics", "Steun voor Oekraïne groeit.", QueryTerms("oekraine"), []string{"<mark>Oekraïne</mark>"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Snippet(tc.text, tc.terms)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("Snippet = %q, want it to contain %q", got, w)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(got, w) {
					t.Errorf("Snippet = %q, must not contain %q", got, w)
				}
			}
		})
	}
}

func FuzzSnippet(f *testing.F) {
	f.Add("De aanval op de haven <b>&</b>", "aanval")
	f.Add("", "")
	f.Add("ééé\xff aanvallen", "aanval")
	f.Fuzz(func(t *testing.T, text, q string) {
		s := Snippet(text, QueryTerms(q))
		if utf8.ValidString(text) && !utf8.ValidString(s) {
			t.Errorf("invalid UTF-8 snippet %q", s)
		}
		if strings.Count(s, "<mark>") != strings.Count(s, "</mark>") {
			t.Errorf("unbalanced marks in %q", s)
		}
		rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s)
		if strings.ContainsAny(rest, "<>") {
			t.Errorf("unescaped markup in %q", s)
		}
	})
}

func TestActorID(t *testing.T) {
	for in, want := range map[string]string{
		"Volodymyr Zelensky":  "volodymyr-zelensky",
		"Oekraïens leger":     "oekraiens-leger",
		"  Koerdische PKK  ":  "koerdische-pkk",
		"Hamas-leider":        "hamas-leider",
		"":                    "",
		"Jean-Noël Barrot ":   "jean-noel-barrot",
		"'s-Gravenhage (ANP)": "s-gravenhage-anp",
	} {
		if got := ActorID(in); got != want {
			t.Errorf("ActorID(%q) = %q, want %q", in, got, want)
		}
	}
	if ClaimActorID("", "premier Rutte") != "premier-rutte" || ClaimActorID("Mark Rutte", "premier Rutte") != "mark-rutte" {
		t.Error("ClaimActorID does not prefer the actor name over the speaker")
	}
}

func TestCursorRoundTrip(t *testing.T) {
	n := time.Date(2026, 3, 1, 12, 0, 0, 123456789, time.UTC).UnixNano()
	c := EncodeCursor(n, "abc", 7)
	var (
		gotN int64
		gotS string
		gotI int
	)
	if err := DecodeCursor(c, &gotN, &gotS, &gotI); err != nil {
		t.Fatal(err)
	}
	if gotN != n || gotS != "abc" || gotI != 7 {
		t.Errorf("round trip = %d %q %d", gotN, gotS, gotI)
	}
	for _, bad := range []string{"%%", "bm90IGpzb24", EncodeCursor("x"), EncodeCursor(1, 2, 3, 4)} {
		if err := DecodeCursor(bad, &gotN, &gotS, &gotI); err == nil {
			t.Errorf("DecodeCursor(%q): no error", bad)
		}
	}
}

func FuzzDecodeCursor(f *testing.F) {
	f.Add(EncodeCursor(int64(5), "id"))
	f.Add("")
	f.Add("W10")
	f.Fuzz(func(t *testing.T, c string) {
		var n int64
		var s string
		if err := DecodeCursor(c, &n, &s); err == nil {
			// A cursor that decodes re-encodes to one that decodes the same.
			var n2 int64
			var s2 string
			if err := DecodeCursor(EncodeCursor(n, s), &n2, &s2); err != nil || n2 != n || s2 != s {
				t.Errorf("re-encoding %d %q gave %d %q %v", n, s, n2, s2, err)
			}
		}
	})
}

func TestPickDisputes(t *testing.T) {
	at := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	v := 500.0
	killed := []quantity.Quantity{{Value: &v, Category: "killed"}}
	denial := claim.Claim{ID: "d", Content: "er zijn geen vijfhonderd soldaten gedood bij Koepjansk", Quantities: killed}
	cands := []Candidate{
		{Claim: claim.Claim{ID: "unrelated", Content: "het graan wordt verscheept"}, Time: at},
		{Claim: claim.Claim{ID: "words", Content: "bij Koepjansk zijn soldaten gesneuveld"}, Time: at.Add(time.Hour)},
		{Claim: claim.Claim{ID: "best", Content: "vijfhonderd soldaten gedood", Quantities: killed}, Time: at.Add(48 * time.Hour)},
	}
	got := PickDisputes(denial, at, cands)
	if strings.Join(got, ",") != "best,words" {
		t.Errorf("PickDisputes = %v, want [best words]", got)
	}
	if got := PickDisputes(denial, at, cands[:1]); len(got) != 0 {
		t.Errorf("a candidate without overlap was picked: %v", got)
	}
	if ScoreWords(ClaimWords(denial), ClaimCategories(denial), ClaimWords(cands[2].Claim), ClaimCategories(cands[2].Claim)) != DisputeScore(denial, cands[2].Claim) {
		t.Error("ScoreWords and DisputeScore disagree")
	}
	if got := PickDisputes(denial, at, nil); len(got) != 0 {
		t.Errorf("no candidates: %v", got)
	}
}
