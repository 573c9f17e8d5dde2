package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// PLACEHOLDER: replaced by the real command.
func newSearchCmd(e *env) *cobra.Command {
	return &cobra.Command{Use: "search", Hidden: true, RunE: func(*cobra.Command, []string) error {
		return errors.New("search: not built yet")
	}}
}
