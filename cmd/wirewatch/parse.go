package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"time"

	"github.com/spf13/cobra"

	"wirewatch/internal/analyze"
	"wirewatch/internal/page"
)

// newParseCmd analyses pages without a database: one JSON line per page
// (shared/OUTPUT.md), a line with "error" for a page that cannot be read.
func newParseCmd(e *env) *cobra.Command {
	var capturedAt string
	var useMtime bool
	jobs := runtime.NumCPU()
	cmd := &cobra.Command{
		Use:   "parse [--captured-at RFC3339] FILE|DIR|- ...",
		Short: "Parse and analyse pages, one JSON line per page (no database)",
		Long: "parse reads text, HTML and RSS/Atom pages (format detected from the content),\n" +
			"cuts them into wire items and writes one JSON object per page per line.\n" +
			"A page that fails gives a line with \"error\"; the exit status is then 1.",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var at *time.Time
			if capturedAt != "" {
				t, err := time.Parse(time.RFC3339, capturedAt)
				if err != nil {
					return fmt.Errorf("--captured-at: %w", err)
				}
				at = &t
			}
			a, err := analyze.New()
			if err != nil {
				return err
			}
			paths, err := expandPaths(args)
			if err != nil {
				return err
			}
			if jobs < 1 {
				jobs = 1
			}
			w := bufio.NewWriter(e.stdout)
			defer w.Flush()
			enc := json.NewEncoder(w)
			enc.SetEscapeHTML(false)
			failed := 0
			// Pages are analysed by a pool of workers and written in the order given.
			ctx := cmd.Context()
			type outcome struct {
				res analyze.Result
				err error
			}
			results := make([]chan outcome, len(paths))
			for i := range results {
				results[i] = make(chan outcome, 1)
			}
			next := make(chan int)
			go func() {
				defer close(next)
				for i := range paths {
					select {
					case next <- i:
					case <-ctx.Done():
						return
					}
				}
			}()
			for range min(jobs, len(paths)) {
				go func() {
					for i := range next {
						res, err := parseOne(a, e.stdin, paths[i], at, useMtime)
						results[i] <- outcome{res, err}
					}
				}()
			}
			for i := range paths {
				var o outcome
				select {
				case o = <-results[i]:
				case <-ctx.Done():
					return ctx.Err()
				}
				if o.err != nil {
					failed++
					fmt.Fprintln(e.stderr, "wirewatch parse:", o.err)
				}
				if err := enc.Encode(o.res); err != nil {
					return fmt.Errorf("write output: %w", err)
				}
				// Flush per page so a consumer sees pages as they are done.
				if err := w.Flush(); err != nil {
					return fmt.Errorf("write output: %w", err)
				}
			}
			if failed > 0 {
				return exitError{code: 1}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&capturedAt, "captured-at", "", "capture time of the pages (RFC3339); briefs' published_at = this − age")
	cmd.Flags().BoolVar(&useMtime, "mtime", false, "use each file's modification time as its capture time when --captured-at is not given")
	cmd.Flags().IntVarP(&jobs, "jobs", "j", jobs, "pages analysed at the same time")
	return cmd
}

// parseOne reads and analyses one page; "-" is standard input.
func parseOne(a *analyze.Analyzer, stdin io.Reader, path string, at *time.Time, useMtime bool) (analyze.Result, error) {
	var raw []byte
	var err error
	if path == "-" {
		raw, err = io.ReadAll(stdin)
	} else {
		raw, err = os.ReadFile(path)
		if err == nil && at == nil && useMtime {
			if fi, serr := os.Stat(path); serr == nil {
				t := fi.ModTime().UTC().Truncate(time.Second)
				at = &t
			}
		}
	}
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is said once, first
		}
		err = fmt.Errorf("%s: read: %w", path, err)
		return analyze.Result{Page: page.Page{Source: path, CapturedAt: at}, Error: err.Error()}, err
	}
	return a.Page(path, raw, at)
}

// expandPaths keeps files and "-" as given and replaces a directory by the
// regular files under it, sorted.
func expandPaths(args []string) ([]string, error) {
	var out []string
	for _, arg := range args {
		if arg == "-" {
			out = append(out, arg)
			continue
		}
		fi, err := os.Stat(arg)
		if err != nil || !fi.IsDir() {
			out = append(out, arg) // a missing file fails on its own line
			continue
		}
		var files []string
		err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.Type().IsRegular() {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("list %s: %w", arg, err)
		}
		sort.Strings(files)
		out = append(out, files...)
	}
	return out, nil
}
