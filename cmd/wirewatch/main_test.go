package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"wirewatch/examples"
)

// TestMain lets testscript run this binary as the "wirewatch" command.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"wirewatch": main,
	})
}

// TestScripts runs the CLI scripts in testdata/script. Every script starts
// with the example pages in $WORK/examples.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			return copyExamples(filepath.Join(env.WorkDir, "examples"))
		},
	})
}

// copyExamples writes the embedded example pages into dir.
func copyExamples(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, name := range examples.Names() {
		b, err := fs.ReadFile(examples.Pages, name)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(name)), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}
