package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"wirewatch/internal/nlp/ner"
)

// newTrainNERCmd rebuilds the embedded NER model from the shared data:
// train on ned.train, pick the epoch on ned.testa (ned.testb is never looked at).
func newTrainNERCmd(e *env) *cobra.Command {
	var shared, out string
	cfg := ner.DefaultTrainConfig()
	cmd := &cobra.Command{
		Use:   "train-ner",
		Short: "Train the Dutch NER model on CoNLL-2002 (ned.train, tuned on ned.testa)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if shared == "" {
				shared = nerSharedDir()
			}
			cfg.Log = e.stderr
			t0 := time.Now()
			conll := filepath.Join(shared, "data", "conll2002-ned")
			train, err := readCoNLLFile(filepath.Join(conll, "ned.train"))
			if err != nil {
				return err
			}
			dev, err := readCoNLLFile(filepath.Join(conll, "ned.testa"))
			if err != nil {
				return err
			}
			res, err := ner.SharedResources(ctx, shared, cfg)
			if err != nil {
				return err
			}
			m, _, err := ner.Train(ctx, train, dev, res, cfg)
			if err != nil {
				return err
			}
			ev := m.Evaluate(dev)
			var buf bytes.Buffer
			if err := m.Encode(&buf); err != nil {
				return err
			}
			tmp := out + ".tmp"
			if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
				return fmt.Errorf("write model: %w", err)
			}
			if err := os.Rename(tmp, out); err != nil {
				return fmt.Errorf("write model: %w", err)
			}
			fmt.Fprintf(e.stdout, "ned.testa entity F1 %.2f (P %.2f R %.2f)\n", 100*ev.F1(), 100*ev.All.Precision(), 100*ev.All.Recall())
			for _, t := range ev.Types() {
				c := ev.ByType[t]
				fmt.Fprintf(e.stdout, "  %-4s F1 %.2f (P %.2f R %.2f)\n", t, 100*c.F1(), 100*c.Precision(), 100*c.Recall())
			}
			fmt.Fprintf(e.stdout, "wrote %s (%d bytes) in %s\n", out, buf.Len(), time.Since(t0).Round(time.Second))
			return nil
		},
	}
	cmd.Flags().StringVar(&shared, "shared", "", "shared data folder (default $WIREWATCH_SHARED or ../shared)")
	cmd.Flags().StringVar(&out, "out", "internal/nlp/ner/model.bin.gz", "model file to write")
	cmd.Flags().IntVar(&cfg.Epochs, "epochs", cfg.Epochs, "training epochs (the best on ned.testa is kept)")
	cmd.Flags().Uint64Var(&cfg.Seed, "seed", cfg.Seed, "random seed (sentence order)")
	cmd.Flags().BoolVar(&cfg.Stack, "stack", cfg.Stack, "train a second stage on the first stage's tags")
	cmd.Flags().IntVar(&cfg.Folds, "folds", cfg.Folds, "folds (by document) for the first stage's tags on ned.train")
	return cmd
}

// nerSharedDir is $WIREWATCH_SHARED, else ../shared.
func nerSharedDir() string {
	if d := os.Getenv("WIREWATCH_SHARED"); d != "" {
		return d
	}
	return filepath.Join("..", "shared")
}

func readCoNLLFile(path string) ([]ner.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open CoNLL file: %w", err)
	}
	defer f.Close()
	s, err := ner.ReadCoNLL(f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return s, nil
}
