package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// PLACEHOLDER: replaced by the real command.
func newParseCmd(e *env) *cobra.Command {
	return &cobra.Command{Use: "parse", Hidden: true, RunE: func(*cobra.Command, []string) error {
		return errors.New("parse: not built yet")
	}}
}
