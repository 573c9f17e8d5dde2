package eval

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"wirewatch/internal/nlp/ner"
)

// ScoreCoNLL scores the embedded NER model on a CoNLL-2002 file: entity
// precision, recall and F1 overall and per type by conlleval's rules (a predicted
// entity counts when its span and type equal a gold one), and tagging speed.
func ScoreCoNLL(ctx context.Context, path string) (Section, error) {
	m, err := ner.DefaultModel()
	if err != nil {
		return Section{}, err
	}
	return scoreCoNLLWith(ctx, m, path)
}

func scoreCoNLLWith(ctx context.Context, m *ner.Model, path string) (Section, error) {
	f, err := os.Open(path)
	if err != nil {
		return Section{}, fmt.Errorf("open CoNLL file: %w", err)
	}
	defer f.Close()
	sents, err := ner.ReadCoNLL(f)
	if err != nil {
		return Section{}, fmt.Errorf("read %s: %w", path, err)
	}
	preds := make([][]string, 0, len(sents))
	t0 := time.Now()
	// Documents are tagged whole: the model looks at a word's other occurrences.
	for _, doc := range ner.Docs(sents) {
		if err := ctx.Err(); err != nil {
			return Section{}, err
		}
		words := make([][]string, len(doc))
		for i, s := range doc {
			words[i] = s.Words
		}
		preds = append(preds, m.TagDoc(words)...)
	}
	elapsed := time.Since(t0)
	sec := conllSection("NER ("+filepath.Base(path)+")", sents, preds)
	if elapsed > 0 {
		n := sec.Scores[len(sec.Scores)-1].N
		sec.Scores = append(sec.Scores, Score{Name: "tagging speed", Value: float64(n) / elapsed.Seconds(), Unit: "tokens/s", N: n})
	}
	return sec, nil
}

// ScoreTaggedCoNLL scores a CoNLL file that already carries a prediction: the
// gold tag is the second-to-last column and the predicted tag the last (the
// output of `wirewatch ner --conll` or of another tagger), by conlleval's rules.
func ScoreTaggedCoNLL(r io.Reader, name string) (Section, error) {
	var sents []ner.Sentence
	var preds [][]string
	var cur ner.Sentence
	var pred []string
	flush := func() {
		if len(cur.Words) > 0 {
			sents = append(sents, cur)
			preds = append(preds, pred)
		}
		cur, pred = ner.Sentence{}, nil
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Fields(sc.Text())
		if len(f) == 0 || f[0] == "-DOCSTART-" {
			flush()
			continue
		}
		if len(f) < 3 {
			return Section{}, fmt.Errorf("%s line %d: want WORD ... GOLD PREDICTED, got %q", name, line, sc.Text())
		}
		cur.Words = append(cur.Words, f[0])
		cur.Tags = append(cur.Tags, f[len(f)-2])
		pred = append(pred, f[len(f)-1])
	}
	if err := sc.Err(); err != nil {
		return Section{}, fmt.Errorf("read %s: %w", name, err)
	}
	flush()
	return conllSection("NER ("+name+")", sents, preds), nil
}

// conllSection holds the entity scores of tagged sentences; its last score's N is
// the token count.
func conllSection(name string, sents []ner.Sentence, preds [][]string) Section {
	var ev ner.Evaluation
	var misses []string
	for i, s := range sents {
		ev.Add(s.Tags, preds[i])
		if len(misses) < 12 {
			misses = appendChunkMisses(misses, s, preds[i])
		}
	}
	gold := ev.All.TP + ev.All.FN
	pred := ev.All.TP + ev.All.FP
	sec := Section{Name: name}
	sec.Scores = append(sec.Scores,
		Score{Name: "entity precision", Value: ev.All.Precision(), N: pred},
		Score{Name: "entity recall", Value: ev.All.Recall(), N: gold},
		Score{Name: "entity F1", Value: ev.All.F1(), N: gold},
	)
	for _, t := range ev.Types() {
		c := ev.ByType[t]
		sec.Scores = append(sec.Scores,
			Score{Name: t + " precision", Value: c.Precision(), N: c.TP + c.FP},
			Score{Name: t + " recall", Value: c.Recall(), N: c.TP + c.FN},
			Score{Name: t + " F1", Value: c.F1(), N: c.TP + c.FN},
		)
	}
	sec.Scores = append(sec.Scores, Score{Name: "tokens", Value: float64(ev.Tokens), Unit: "tokens", N: ev.Tokens})
	sec.Misses = misses
	return sec
}

// appendChunkMisses describes the first wrong chunks of a sentence for people.
func appendChunkMisses(misses []string, s ner.Sentence, pred []string) []string {
	g, p := ner.Chunks(s.Tags), ner.Chunks(pred)
	inP := map[ner.Chunk]bool{}
	for _, c := range p {
		inP[c] = true
	}
	inG := map[ner.Chunk]bool{}
	for _, c := range g {
		inG[c] = true
		if !inP[c] {
			misses = append(misses, fmt.Sprintf("missed %s %q", c.Type, strings.Join(s.Words[c.Start:c.End], " ")))
		}
	}
	for _, c := range p {
		if !inG[c] {
			misses = append(misses, fmt.Sprintf("spurious %s %q", c.Type, strings.Join(s.Words[c.Start:c.End], " ")))
		}
	}
	return misses
}
