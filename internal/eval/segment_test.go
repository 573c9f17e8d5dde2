package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"wirewatch/internal/analyze"
	"wirewatch/internal/page"
)

func strp(s string) *string { return &s }
func intp(i int) *int       { return &i }

func scoreByName(t *testing.T, sec Section, name string) Score {
	t.Helper()
	for _, s := range sec.Scores {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no score %q in %+v", name, sec.Scores)
	return Score{}
}

func TestScoreSegmentation(t *testing.T) {
	gold := []GoldPage{{
		Page: "p.txt",
		Items: []GoldItem{
			{N: 0, Kind: "article", Headline: strp("Kop"), Dateline: &GoldDateline{Places: []string{"KIEV"}, Agencies: []string{"ANP", "AFP"}}, FirstWords: "Oekraïne zegt dat het tien"},
			{N: 1, Kind: "brief", Dateline: &GoldDateline{Places: []string{"FORT WORTH"}, Agencies: []string{"ANP"}}, Age: strp("1 uur geleden"), AgeMinutes: intp(60), FirstWords: "De partij van de president"},
			{N: 2, Kind: "brief", Dateline: &GoldDateline{Places: []string{"BAGDAD"}, Agencies: []string{"ANP"}}, Age: strp("5 uur geleden"), AgeMinutes: intp(300), FirstWords: "Irak zegt"},
		},
	}}
	pred := []analyze.Result{{Items: []analyze.Item{
		{Item: page.Item{N: 0, Kind: "article", Headline: strp("Kop"), Dateline: &page.Dateline{Places: []string{"KIEV"}, Agencies: []string{"ANP", "AFP"}}, Text: "Oekraïne zegt dat het tien drones\nheeft"}},
		{Item: page.Item{N: 1, Kind: "brief", Dateline: &page.Dateline{Places: []string{"FORT", "WORTH"}, Agencies: []string{"ANP"}}, Age: strp("1 uur geleden"), AgeMinutes: intp(60), Text: "De partij van de president verloor."}},
	}}}
	sec := ScoreSegmentation(gold, pred)
	if sec.Name != "segmentation" {
		t.Errorf("name %q", sec.Name)
	}
	cases := map[string]float64{
		"item count (pages)": 0,
		"kind":               2.0 / 3,
		"headline":           2.0 / 3,
		"dateline places":    1.0 / 3,
		"dateline agencies":  2.0 / 3,
		"age":                2.0 / 3,
		"age_minutes":        2.0 / 3,
		"first_words":        2.0 / 3,
	}
	for name, want := range cases {
		if got := scoreByName(t, sec, name); got.Value != want {
			t.Errorf("%s = %v, want %v", name, got.Value, want)
		}
	}
	all := strings.Join(sec.Misses, "\n")
	for _, want := range []string{"p.txt: 2 items, want 3", "p.txt item 2: missing", `p.txt item 1 dateline places: got [FORT/WORTH], want [FORT WORTH]`} {
		if !strings.Contains(all, want) {
			t.Errorf("misses lack %q:\n%s", want, all)
		}
	}
}

func TestSegFirstWords(t *testing.T) {
	cases := map[string]string{
		"De NAVO is nog \"ver weg\" van": `De NAVO is nog "ver`,
		"Kort.":                          "Kort.",
		"Een\ntwee  drie\tvier vijf zes": "Een twee drie vier vijf",
		"":                               "",
	}
	for in, want := range cases {
		if got := segFirstWords(in, 5); got != want {
			t.Errorf("segFirstWords(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSegmentationOnSharedGold: the parser cuts the shared seed pages exactly
// as the hand-made gold files say.
func TestSegmentationOnSharedGold(t *testing.T) {
	shared := os.Getenv("WIREWATCH_SHARED")
	if shared == "" {
		shared = filepath.Join("..", "..", "..", "shared")
	}
	golds, err := LoadGold(filepath.Join(shared, "gold"))
	if err != nil {
		t.Skipf("shared gold not available (set WIREWATCH_SHARED): %v", err)
	}
	preds := make([]analyze.Result, len(golds))
	at := time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC)
	for i, g := range golds {
		path := filepath.Join(shared, "seeds", g.Page)
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Skipf("shared seeds not available: %v", err)
		}
		p, items, err := page.Parse(path, raw, &at)
		if err != nil {
			t.Fatalf("parse %s: %v", path, err)
		}
		preds[i].Page = p
		for _, it := range items {
			preds[i].Items = append(preds[i].Items, analyze.Item{Item: it})
		}
	}
	sec := ScoreSegmentation(golds, preds)
	for _, s := range sec.Scores {
		if s.Value != 1 {
			t.Errorf("%s = %.2f%%, want 100%%", s.Name, 100*s.Value)
		}
	}
	for _, m := range sec.Misses {
		t.Log(m)
	}
}
