package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// PLACEHOLDER: replaced by the real command.
func newFeedsCmd(e *env) *cobra.Command {
	return &cobra.Command{Use: "feeds", Hidden: true, RunE: func(*cobra.Command, []string) error {
		return errors.New("feeds: not built yet")
	}}
}
