package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// PLACEHOLDER: replaced by the real command.
func newExportCmd(e *env) *cobra.Command {
	return &cobra.Command{Use: "export", Hidden: true, RunE: func(*cobra.Command, []string) error {
		return errors.New("export: not built yet")
	}}
}
