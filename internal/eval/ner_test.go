package eval

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"wirewatch/internal/analyze"
	"wirewatch/internal/nlp/ner"
	"wirewatch/internal/page"
)

func nerScore(t *testing.T, sec Section, name string) float64 {
	t.Helper()
	for _, s := range sec.Scores {
		if s.Name == name {
			return s.Value
		}
	}
	t.Fatalf("section %q has no score %q: %+v", sec.Name, name, sec.Scores)
	return 0
}

func TestScoreTaggedCoNLL(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "ner-tagged.conll"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sec, err := ScoreTaggedCoNLL(f, "ner-tagged.conll")
	if err != nil {
		t.Fatal(err)
	}
	// gold: MISC, PER, LOC(Den Haag), ORG, LOC(Cherson) = 5; predicted: MISC, PER,
	// LOC(Den), ORG, PER(Cherson) = 5; right: MISC, PER, ORG = 3.
	for name, want := range map[string]float64{
		"entity precision": 3.0 / 5, "entity recall": 3.0 / 5, "entity F1": 3.0 / 5,
		"LOC recall": 0, "PER precision": 0.5, "ORG F1": 1, "tokens": 15,
	} {
		if got := nerScore(t, sec, name); math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	if _, err := ScoreTaggedCoNLL(strings.NewReader("De O\n"), "short"); err == nil {
		t.Error("a line without a predicted column was accepted")
	}
}

func TestScoreEntities(t *testing.T) {
	gold := []GoldPage{{
		Page: "p1.txt",
		Entities: []GoldEntity{
			{Text: "Poetin", Type: "PER", Item: 0, Zone: "body"},
			{Text: "Poetin", Type: "PER", Item: 0, Zone: "body"},
			{Text: "Moskou", Type: "LOC", Item: 0, Zone: "dateline"}, // not scored
			{Text: "NAVO", Type: "ORG", Item: 1, Zone: "body"},
			{Text: "Kyiv", Type: "LOC", Item: 1, Zone: "body"},
		},
	}}
	ent := func(text, typ string) ner.Entity { return ner.Entity{Text: text, Type: typ} }
	pred := []analyze.Result{{Items: []analyze.Item{
		{Item: page.Item{N: 0}, Entities: []ner.Entity{ent("Poetin", "PER"), ent("Moskou", "LOC")}},
		{Item: page.Item{N: 1}, Entities: []ner.Entity{ent("NAVO", "ORG"), ent("Kyiv", "PER"), ent("Poetin", "PER")}},
	}}}
	sec := ScoreEntities(gold, pred)
	// gold body: Poetin x2, NAVO, Kyiv = 4; predicted 5; right: Poetin x1, NAVO = 2.
	for name, want := range map[string]float64{
		"entity precision": 2.0 / 5, "entity recall": 2.0 / 4, "PER F1": 2 * (1.0 / 3 * 1.0 / 2) / (1.0/3 + 1.0/2), "ORG F1": 1, "LOC F1": 0,
	} {
		if got := nerScore(t, sec, name); math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	if len(sec.Misses) == 0 {
		t.Error("no misses listed")
	}
	if empty := ScoreEntities(nil, nil); len(empty.Scores) != 0 {
		t.Errorf("no gold: got scores %+v", empty.Scores)
	}
}

func TestScoreCoNLLTesta(t *testing.T) {
	d := os.Getenv("WIREWATCH_SHARED")
	if d == "" {
		d = filepath.Join("..", "..", "..", "shared")
	}
	path := filepath.Join(d, "data", "conll2002-ned", "ned.testa")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("CoNLL-2002 not found (set WIREWATCH_SHARED): %v", err)
	}
	sec, err := ScoreCoNLL(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if f1 := nerScore(t, sec, "entity F1"); f1 < 0.75 {
		t.Errorf("ned.testa entity F1 %.4f < 0.75", f1)
	}
	if speed := nerScore(t, sec, "tagging speed"); speed <= 0 {
		t.Errorf("tagging speed %v", speed)
	}
	if _, err := ScoreCoNLL(context.Background(), filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("a missing file gave no error")
	}
}
