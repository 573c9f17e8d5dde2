package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// PLACEHOLDER: replaced by the real command.
func newReanalyzeCmd(e *env) *cobra.Command {
	return &cobra.Command{Use: "reanalyze", Hidden: true, RunE: func(*cobra.Command, []string) error {
		return errors.New("reanalyze: not built yet")
	}}
}
