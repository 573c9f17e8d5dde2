package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// PLACEHOLDER: replaced by the real command.
func newServeCmd(e *env) *cobra.Command {
	return &cobra.Command{Use: "serve", Hidden: true, RunE: func(*cobra.Command, []string) error {
		return errors.New("serve: not built yet")
	}}
}
