package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// PLACEHOLDER: replaced by the real command.
func newNERCmd(e *env) *cobra.Command {
	return &cobra.Command{Use: "ner", Hidden: true, RunE: func(*cobra.Command, []string) error {
		return errors.New("ner: not built yet")
	}}
}
