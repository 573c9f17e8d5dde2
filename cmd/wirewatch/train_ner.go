package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// PLACEHOLDER: replaced by the real command.
func newTrainNERCmd(e *env) *cobra.Command {
	return &cobra.Command{Use: "train-ner", Hidden: true, RunE: func(*cobra.Command, []string) error {
		return errors.New("train-ner: not built yet")
	}}
}
