package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// PLACEHOLDER: replaced by the real command.
func newWatchCmd(e *env) *cobra.Command {
	return &cobra.Command{Use: "watch", Hidden: true, RunE: func(*cobra.Command, []string) error {
		return errors.New("watch: not built yet")
	}}
}
