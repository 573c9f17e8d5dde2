package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// PLACEHOLDER: replaced by the real command.
func newEvalCmd(e *env) *cobra.Command {
	return &cobra.Command{Use: "eval", Hidden: true, RunE: func(*cobra.Command, []string) error {
		return errors.New("eval: not built yet")
	}}
}
