package eval

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"wirewatch/internal/analyze"
)

// Score is one figure of a report; Value is a fraction in [0,1] unless Unit says otherwise.
type Score struct {
	Name  string  `json:"name"`
	Value float64 `json:"value"`
	Unit  string  `json:"unit,omitempty"` // "" = fraction shown as %, else e.g. "tokens/s"
	N     int     `json:"n"`              // how many cases it was measured on
}

// Section groups the scores of one concern (segmentation, claims, NER ...).
type Section struct {
	Name   string   `json:"name"`
	Scores []Score  `json:"scores"`
	Misses []string `json:"misses,omitempty"` // examples of errors, for people
}

// Report is what `wirewatch eval` prints.
type Report struct {
	Sections []Section `json:"sections"`
}

// Options says what to score.
type Options struct {
	GoldDir    string // gold files (with PagesDir)
	PagesDir   string
	UDDir      string // UD Dutch treebanks: tokenizer and sentence splitter
	CoNLLFile  string // CoNLL-2002 file: NER
	CapturedAt *time.Time
	Analyzer   *analyze.Analyzer
}

// PageScorer scores analysed pages against their gold files (same order).
type PageScorer func(gold []GoldPage, pred []analyze.Result) Section

// pageScorers is the table of page-level scorers, one per concern.
var pageScorers = []PageScorer{ScoreSegmentation, ScoreQuantities, ScoreEntities, ScoreClaims}

// Run scores what opt asks for.
func Run(ctx context.Context, opt Options) (Report, error) {
	var rep Report
	if opt.GoldDir != "" {
		golds, err := LoadGold(opt.GoldDir)
		if err != nil {
			return rep, err
		}
		preds := make([]analyze.Result, len(golds))
		for i, g := range golds {
			path := filepath.Join(opt.PagesDir, g.Page)
			raw, err := os.ReadFile(path)
			if err != nil {
				return rep, fmt.Errorf("read page for gold %s: %w", g.Page, err)
			}
			preds[i], _ = opt.Analyzer.Page(path, raw, opt.CapturedAt)
		}
		for _, s := range pageScorers {
			if sec := s(golds, preds); len(sec.Scores) > 0 {
				rep.Sections = append(rep.Sections, sec)
			}
		}
	}
	if opt.UDDir != "" {
		secs, err := ScoreUD(ctx, opt.UDDir)
		if err != nil {
			return rep, err
		}
		rep.Sections = append(rep.Sections, secs...)
	}
	if opt.CoNLLFile != "" {
		sec, err := ScoreCoNLL(ctx, opt.CoNLLFile)
		if err != nil {
			return rep, err
		}
		rep.Sections = append(rep.Sections, sec)
	}
	return rep, nil
}

// WriteText prints the report for people.
func (r Report) WriteText(w io.Writer) error {
	for _, s := range r.Sections {
		fmt.Fprintf(w, "== %s\n", s.Name)
		for _, sc := range s.Scores {
			if sc.Unit == "" {
				fmt.Fprintf(w, "  %-28s %7.2f%%  (n=%d)\n", sc.Name, 100*sc.Value, sc.N)
			} else {
				fmt.Fprintf(w, "  %-28s %10.1f %s  (n=%d)\n", sc.Name, sc.Value, sc.Unit, sc.N)
			}
		}
		for _, m := range s.Misses {
			fmt.Fprintf(w, "  - %s\n", m)
		}
	}
	return nil
}

// WriteJSON prints the report as JSON.
func (r Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
