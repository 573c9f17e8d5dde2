package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"wirewatch/internal/analyze"
	"wirewatch/internal/eval"
	"wirewatch/internal/nlp/ner"
)

// newNERCmd tags CoNLL files with the embedded model, or scores entity
// predictions (ours or another tagger's) against the gold pages.
func newNERCmd(e *env) *cobra.Command {
	var conll, score, gold, results string
	cmd := &cobra.Command{
		Use:   "ner --conll FILE | --score FILE | --gold DIR --results FILE",
		Short: "Tag a CoNLL file with the NER model (predicted tag appended as the last column)",
		Long: `With --conll, reads CoNLL lines (WORD ... [GOLD]) from FILE ("-" = stdin) and writes
each line with the predicted tag appended as the last column, so conlleval can score it;
-DOCSTART- and blank lines are kept. Speed goes to stderr.

With --score, reads such a tagged file (gold tag second-to-last, predicted tag
last; from this command or another tagger) and prints entity precision, recall
and F1 overall and per type by conlleval's rules.

With --gold and --results, reads analysis results (JSON lines as written by
'wirewatch parse', possibly with entities from another tagger) and prints the
entity precision, recall and F1 against the body entities of the gold pages.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			switch {
			case conll != "":
				return nerTagCoNLL(e, conll)
			case score != "":
				return nerScoreTagged(e, score)
			case gold != "" && results != "":
				return nerScoreResults(e, gold, results)
			default:
				return fmt.Errorf("need --conll FILE, --score FILE, or --gold DIR with --results FILE")
			}
		},
	}
	cmd.Flags().StringVar(&conll, "conll", "", "CoNLL file to tag (- for stdin)")
	cmd.Flags().StringVar(&score, "score", "", "tagged CoNLL file (gold, predicted as the last two columns) to score")
	cmd.Flags().StringVar(&gold, "gold", "", "gold directory (*.gold.json) to score --results against")
	cmd.Flags().StringVar(&results, "results", "", "JSON lines of analysis results (wirewatch parse output)")
	return cmd
}

func nerTagCoNLL(e *env, path string) error {
	m, err := ner.DefaultModel()
	if err != nil {
		return err
	}
	var in io.Reader = e.stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("open CoNLL file: %w", err)
		}
		defer f.Close()
		in = f
	}
	out := bufio.NewWriter(e.stdout)
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	// A document (up to the next -DOCSTART-) is tagged at once: the model looks
	// at a word's other occurrences in the document.
	type docLine struct {
		text      string
		sent, tok int // sent < 0: a line passed through as it is
	}
	var lines []docLine
	var sents [][]string
	newSent := true
	tokens := 0
	var tagTime time.Duration
	flush := func() {
		t0 := time.Now()
		tags := m.TagDoc(sents)
		tagTime += time.Since(t0)
		for _, l := range lines {
			if l.sent < 0 {
				fmt.Fprintln(out, l.text)
			} else {
				fmt.Fprintf(out, "%s %s\n", l.text, tags[l.sent][l.tok])
				tokens++
			}
		}
		lines, sents, newSent = lines[:0], sents[:0], true
	}
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		fields := strings.Fields(line)
		switch {
		case len(fields) > 0 && fields[0] == "-DOCSTART-":
			flush()
			lines = append(lines, docLine{text: line, sent: -1})
		case len(fields) == 0:
			newSent = true
			lines = append(lines, docLine{text: line, sent: -1})
		default:
			if newSent {
				sents = append(sents, nil)
				newSent = false
			}
			n := len(sents) - 1
			lines = append(lines, docLine{text: line, sent: n, tok: len(sents[n])})
			sents[n] = append(sents[n], fields[0])
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	flush()
	if err := out.Flush(); err != nil {
		return fmt.Errorf("write tags: %w", err)
	}
	if tagTime > 0 {
		fmt.Fprintf(e.stderr, "ner: %d tokens in %s (%.0f tokens/s)\n", tokens, tagTime.Round(time.Microsecond), float64(tokens)/tagTime.Seconds())
	}
	return nil
}

func nerScoreTagged(e *env, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open tagged CoNLL file: %w", err)
	}
	defer f.Close()
	sec, err := eval.ScoreTaggedCoNLL(f, nerPageName(path))
	if err != nil {
		return err
	}
	return eval.Report{Sections: []eval.Section{sec}}.WriteText(e.stdout)
}

func nerScoreResults(e *env, goldDir, path string) error {
	golds, err := eval.LoadGold(goldDir)
	if err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open results: %w", err)
	}
	defer f.Close()
	byPage := map[string]analyze.Result{}
	dec := json.NewDecoder(f)
	for {
		var r analyze.Result
		if err := dec.Decode(&r); err == io.EOF {
			break
		} else if err != nil {
			return fmt.Errorf("read results %s: %w", path, err)
		}
		byPage[nerPageName(r.Page.Source)] = r
	}
	preds := make([]analyze.Result, len(golds))
	for i, g := range golds {
		preds[i] = byPage[g.Page]
	}
	rep := eval.Report{Sections: []eval.Section{eval.ScoreEntities(golds, preds)}}
	return rep.WriteText(e.stdout)
}

// nerPageName is the file name of a page source, which the gold files are named after.
func nerPageName(source string) string {
	if i := strings.LastIndexAny(source, `/\`); i >= 0 {
		return source[i+1:]
	}
	return source
}
