package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"wirewatch/internal/analyze"
	"wirewatch/internal/eval"
)

// newEvalCmd scores the analysis against gold files, UD treebanks and CoNLL-2002.
func newEvalCmd(e *env) *cobra.Command {
	var opt eval.Options
	var asJSON bool
	var capturedAt string
	cmd := &cobra.Command{
		Use:   "eval [--gold DIR --pages DIR] [--ud DIR] [--conll FILE] [--json]",
		Short: "Score segmentation, quantities, entities and claims against gold annotations",
		Long: "eval analyses the pages named by the gold files and prints accuracy figures.\n" +
			"--gold and --pages default to $WIREWATCH_SHARED/gold and /seeds (or ../shared\n" +
			"beside the repository) when they exist.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if capturedAt != "" {
				t, err := time.Parse(time.RFC3339, capturedAt)
				if err != nil {
					return fmt.Errorf("--captured-at: %w", err)
				}
				opt.CapturedAt = &t
			}
			// The shared gold is the default only when nothing else was asked for.
			onlyOther := opt.UDDir != "" || opt.CoNLLFile != ""
			if shared := sharedDir(); shared != "" {
				if opt.GoldDir == "" && !onlyOther && isDir(filepath.Join(shared, "gold")) {
					opt.GoldDir = filepath.Join(shared, "gold")
				}
				if opt.GoldDir != "" && opt.PagesDir == "" && isDir(filepath.Join(shared, "seeds")) {
					opt.PagesDir = filepath.Join(shared, "seeds")
				}
			}
			if opt.GoldDir != "" && opt.PagesDir == "" {
				opt.PagesDir = opt.GoldDir
			}
			if opt.GoldDir == "" && opt.UDDir == "" && opt.CoNLLFile == "" {
				return fmt.Errorf("nothing to evaluate: give --gold DIR --pages DIR, --ud DIR or --conll FILE")
			}
			a, err := analyze.New()
			if err != nil {
				return err
			}
			opt.Analyzer = a
			rep, err := eval.Run(cmd.Context(), opt)
			if err != nil {
				return err
			}
			if asJSON {
				return rep.WriteJSON(e.stdout)
			}
			return rep.WriteText(e.stdout)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opt.GoldDir, "gold", "", "directory of *.gold.json files")
	f.StringVar(&opt.PagesDir, "pages", "", "directory of the pages the gold files name")
	f.StringVar(&opt.UDDir, "ud", "", "directory of UD Dutch treebanks (tokenizer, sentence splitter)")
	f.StringVar(&opt.CoNLLFile, "conll", "", "CoNLL-2002 file (NER)")
	f.BoolVar(&asJSON, "json", false, "print the report as JSON")
	f.StringVar(&capturedAt, "captured-at", "", "capture time given to the pages (RFC3339)")
	return cmd
}

// sharedDir is $WIREWATCH_SHARED, else ../shared beside the repository root
// found from the working directory; "" when neither exists.
func sharedDir() string {
	if d := os.Getenv("WIREWATCH_SHARED"); d != "" {
		return d
	}
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			if s := filepath.Join(filepath.Dir(d), "shared"); isDir(s) {
				return s
			}
			return ""
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}
