package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// PLACEHOLDER: replaced by the real command.
func newWorkerCmd(e *env) *cobra.Command {
	return &cobra.Command{Use: "worker", Hidden: true, RunE: func(*cobra.Command, []string) error {
		return errors.New("worker: not built yet")
	}}
}
